using Chat.AgentConsole.Email;
using Chat.AgentConsole.Port;
using Chat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Tests.Email;

/// <summary>
/// Email from the console: a chat taken to email (the visitor is told in the widget and by mail,
/// and the agent's next reply goes by mail), the transcript, and the admin's failed mail with Resend.
/// </summary>
public sealed class ConsoleEmailTests : IAsyncLifetime
{
    private MailCatcher _mail = null!;
    private ChatServer _server = null!;

    public async Task InitializeAsync()
    {
        _mail = await MailCatcher.StartAsync();
        _server = await ChatServer.StartAsync(_mail.ServerArgs("--Chat:Email:RetryBaseSeconds=0.1", "--Chat:Email:MaxAttempts=2"));
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _mail.DisposeAsync();
    }

    private IEmailPort Port => _server.Services.GetRequiredService<IEmailPort>();

    [Fact]
    public async Task A_chat_taken_to_email_tells_the_visitor_in_the_widget_and_by_mail_and_the_answer_follows_by_mail()
    {
        await using var agent = await _server.OpenConsoleAsync();
        var visitor = await _server.NewVisitorAsync("Ana Lima", "ana@example.com");
        await using var widget = await _server.ConnectVisitorAsync(visitor);
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await widget.InvokeAsync("Send", new { conversationId, clientId = "m1", text = "When will order 1234 ship?" });

        var due = DateTimeOffset.UtcNow.AddHours(3);
        await Port.MoveToEmailAsync(agent.Agent.Id, conversationId, "move-1", "email you the shipping date", due, CancellationToken.None);

        // The widget shows it as the conversation's next action, of kind email.
        var changed = await widget.WaitForEventAsync("conversation", c => c.GetProperty("nextActions").GetArrayLength() == 1);
        var action = changed.GetProperty("nextActions")[0];
        Assert.Equal("email", action.GetProperty("kind").GetString());
        Assert.Equal("email you the shipping date", action.GetProperty("what").GetString());
        Assert.Equal("Alex Admin", action.GetProperty("ownerName").GetString());

        var moved = await _mail.WaitForOneAsync();
        Assert.Equal("ana@example.com", moved.To.Mailboxes.Single().Address);
        Assert.Equal("Alex Admin from Demo Shop will answer you by email", moved.Subject);
        Assert.Contains("Alex Admin will email you the shipping date by", moved.TextBody);

        // The visitor leaves; the agent's answer goes by mail without the live chat's delay.
        await widget.DisposeAsync();
        await EmailFlows.WaitUntilAsync(() => Task.FromResult(!_server.Services.GetRequiredService<Chat.Server.Visitors.VisitorConnections>().IsConnectedHere(visitor.CustomerId)));
        await agent.SendAsync(conversationId, "It ships on Friday.");
        var answer = await _mail.WaitForOneAsync(m => m.TextBody!.Contains("It ships on Friday.", StringComparison.Ordinal));
        Assert.Equal("Alex Admin from Demo Shop answered your message", answer.Subject);

        // Asked again with the same client id, nothing new is set or sent.
        await Port.MoveToEmailAsync(agent.Agent.Id, conversationId, "move-1", "email you the shipping date", due, CancellationToken.None);
        Assert.Equal(1L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM email_outbox WHERE kind = 'moved'"));
    }

    [Fact]
    public async Task Without_an_email_or_for_another_sites_chat_the_console_is_refused_and_nothing_is_sent()
    {
        await using var agent = await _server.OpenConsoleAsync();
        var nameless = await _server.NewVisitorAsync("No Email", email: null);
        await using var widget = await _server.ConnectVisitorAsync(nameless);
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await widget.InvokeAsync("Send", new { conversationId, clientId = "m1", text = "Hi" });

        var noEmail = await Assert.ThrowsAsync<ConsoleActionException>(() => Port.MoveToEmailAsync(agent.Agent.Id, conversationId, "c1", "email you", DateTimeOffset.UtcNow.AddHours(1), CancellationToken.None));
        Assert.Equal("email_required", noEmail.Code);
        Assert.Equal("email_required", (await Assert.ThrowsAsync<ConsoleActionException>(() => Port.EmailTranscriptAsync(agent.Agent.Id, conversationId, CancellationToken.None))).Code);

        var other = await _server.AddSiteAsync("Other Shop", "Olga Other");
        Assert.Equal("not_your_conversation", (await Assert.ThrowsAsync<ConsoleActionException>(() => Port.EmailTranscriptAsync(other.AdminId, conversationId, CancellationToken.None))).Code);
        Assert.Equal("not_your_conversation", (await Assert.ThrowsAsync<ConsoleActionException>(() => Port.MoveToEmailAsync(other.AdminId, conversationId, "c2", "email you", DateTimeOffset.UtcNow.AddHours(1), CancellationToken.None))).Code);
        Assert.Equal(0L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM email_outbox"));
        Assert.Equal(0L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM next_actions"));
    }

    [Fact]
    public async Task An_admin_sees_failed_mail_with_its_reason_and_resend_delivers_it_once()
    {
        await using var agent = await _server.OpenConsoleAsync();
        var visitor = await _server.NewVisitorAsync("Ana Lima", "ana@example.com");
        await using var widget = await _server.ConnectVisitorAsync(visitor);
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await widget.InvokeAsync("Send", new { conversationId, clientId = "m1", text = "Hi" });

        await _mail.StopListeningAsync();
        Assert.True(await Port.EmailTranscriptAsync(agent.Agent.Id, conversationId, CancellationToken.None));
        await EmailFlows.WaitUntilAsync(async () => (await Port.FailedEmailsAsync(agent.Agent.Id, CancellationToken.None)).Count == 1);
        var failed = Assert.Single(await Port.FailedEmailsAsync(agent.Agent.Id, CancellationToken.None));
        Assert.Equal(("transcript", "ana@example.com", "Demo Shop", 2), (failed.Kind, failed.To, failed.SiteName, failed.Attempts));
        Assert.False(string.IsNullOrEmpty(failed.Reason));

        // Another tenant's admin neither sees nor resends it; an agent who is not an admin is refused.
        var other = await _server.AddSiteAsync("Other Shop", "Olga Other");
        Assert.Empty(await Port.FailedEmailsAsync(other.AdminId, CancellationToken.None));
        Assert.Equal("not_found", (await Assert.ThrowsAsync<ConsoleActionException>(() => Port.ResendAsync(other.AdminId, failed.Id, CancellationToken.None))).Code);
        var (email, password) = await _server.AddAgentAsync("Sam Small", 2);
        await using var sam = await _server.OpenConsoleAsync(email, password);
        Assert.Equal("admin_only", (await Assert.ThrowsAsync<ConsoleActionException>(() => Port.FailedEmailsAsync(sam.Agent.Id, CancellationToken.None))).Code);

        await _mail.StartListeningAsync();
        await Port.ResendAsync(agent.Agent.Id, failed.Id, CancellationToken.None);
        var sent = await _mail.WaitForOneAsync();
        Assert.Equal("Your conversation with Demo Shop", sent.Subject);
        await EmailFlows.WaitUntilAsync(async () => await _server.ScalarAsync<string>("SELECT status FROM email_outbox") == "sent");
        Assert.Empty(await Port.FailedEmailsAsync(agent.Agent.Id, CancellationToken.None));
        Assert.Equal("not_found", (await Assert.ThrowsAsync<ConsoleActionException>(() => Port.ResendAsync(agent.Agent.Id, failed.Id, CancellationToken.None))).Code);
        Assert.Single(_mail.Received);
    }

    [Fact]
    public async Task An_admin_sets_the_sites_sender_name_and_delay_and_bad_or_foreign_settings_change_nothing()
    {
        await using var agent = await _server.OpenConsoleAsync();
        var site = Assert.Single(await Port.EmailSettingsAsync(agent.Agent.Id, CancellationToken.None));
        Assert.Equal(("Demo Shop", null, 5), (site.SiteName, site.FromName, site.MissedReplyMinutes));

        await Port.SaveEmailSettingsAsync(agent.Agent.Id, site with { FromName = "  Demo Shop Support ", MissedReplyMinutes = 10 }, CancellationToken.None);
        Assert.Equal(("Demo Shop Support", 10), Assert.Single(await Port.EmailSettingsAsync(agent.Agent.Id, CancellationToken.None)) is var saved ? (saved.FromName, saved.MissedReplyMinutes) : default);

        Assert.Equal("from_name_invalid", (await Assert.ThrowsAsync<ConsoleActionException>(() => Port.SaveEmailSettingsAsync(agent.Agent.Id, site with { FromName = "Shop\r\nBcc: all@example.com" }, CancellationToken.None))).Code);
        Assert.Equal("missed_reply_minutes_invalid", (await Assert.ThrowsAsync<ConsoleActionException>(() => Port.SaveEmailSettingsAsync(agent.Agent.Id, site with { MissedReplyMinutes = 0 }, CancellationToken.None))).Code);
        var other = await _server.AddSiteAsync("Other Shop", "Olga Other");
        Assert.Equal("not_found", (await Assert.ThrowsAsync<ConsoleActionException>(() => Port.SaveEmailSettingsAsync(other.AdminId, site with { FromName = "Hijacked" }, CancellationToken.None))).Code);
        Assert.Equal("Demo Shop Support", await _server.ScalarAsync<string>("SELECT email_from_name FROM sites WHERE site_key = @SiteKey", new { ChatServer.SiteKey }));

        // Emails now come from that name.
        var visitor = await _server.NewVisitorAsync("Ana Lima", "ana@example.com");
        await using var widget = await _server.ConnectVisitorAsync(visitor);
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await widget.InvokeAsync("Send", new { conversationId, clientId = "m1", text = "Hi" });
        await Port.EmailTranscriptAsync(agent.Agent.Id, conversationId, CancellationToken.None);
        Assert.Equal("Demo Shop Support", (await _mail.WaitForOneAsync()).From.Mailboxes.Single().Name);
    }
}
