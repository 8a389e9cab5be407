using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Chat.Server.Email;
using Chat.Tests.Infrastructure;
using Chat.Tests.Integration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace Chat.Tests.Email;

/// <summary>Agents' replies reach visitors who are not there to read them, by email, in their language, with a link back.</summary>
public sealed partial class ReplyEmailTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 1, 7, 10, 0, 0, TimeSpan.Zero));
    private MailCatcher _mail = null!;
    private ChatServer _server = null!;

    public async Task InitializeAsync()
    {
        _mail = await MailCatcher.StartAsync();
        _server = await ChatServer.StartAsync(s => s.AddSingleton<TimeProvider>(_time), _mail.ServerArgs());
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _mail.DisposeAsync();
    }

    [Fact]
    public async Task The_answer_to_a_left_message_is_mailed_in_German_with_a_link_that_reopens_the_chat()
    {
        var left = await EmailFlows.LeaveMessageFullAsync(_server, "Dana Berg", "dana@example.com", "Liefern Sie nach Österreich?", "de-AT,de;q=0.9,en;q=0.5");
        var conversationId = left.GetProperty("conversationId").GetString()!;
        await using var agent = await _server.OpenConsoleAsync();
        await agent.Port.TakeAsync(agent.Agent.Id, conversationId, CancellationToken.None);
        await agent.SendAsync(conversationId, "Ja, in drei Tagen.");

        var email = await _mail.WaitForOneAsync();
        Assert.Equal("dana@example.com", email.To.Mailboxes.Single().Address);
        Assert.Equal("Alex Admin von Demo Shop hat auf Ihre Nachricht geantwortet", email.Subject);
        Assert.Equal("Demo Shop", email.From.Mailboxes.Single().Name);
        Assert.Contains("Hallo Dana Berg,", email.TextBody);
        Assert.Contains("Ja, in drei Tagen.", email.TextBody);
        Assert.Contains("Ja, in drei Tagen.", email.HtmlBody);
        Assert.DoesNotContain("<img", email.HtmlBody);
        var replyTo = email.ReplyTo.Mailboxes.Single().Address;
        Assert.Matches("^reply\\+[0-9a-f]{32}@reply\\.shop\\.test$", replyTo);

        // The link opens a page that trades its token for this browser's visitor token: the chat, answer and all.
        var link = ReopenLink().Match(email.TextBody!).Value;
        Assert.StartsWith(_server.BaseUrl.ToString().TrimEnd('/'), link);
        var page = await _server.Http.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var token = link.Split('/')[^1];
        var reopened = await ReopenAsync(token);
        Assert.Equal(HttpStatusCode.OK, reopened.StatusCode);
        var visitor = await reopened.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(ChatServer.SiteKey, visitor.GetProperty("siteKey").GetString());
        await using var widget = await _server.ConnectVisitorAsync(new Visitor(visitor.GetProperty("token").GetString()!, left.GetProperty("customerId").GetString()!, "Dana Berg"));
        var state = await widget.InvokeAsync("Resume");
        Assert.Equal(["Liefern Sie nach Österreich?", "Ja, in drei Tagen."], ChatFlowTests.Texts(state.GetProperty("messages")));

        // A made-up or mangled token opens nothing.
        Assert.Equal(HttpStatusCode.NotFound, (await ReopenAsync(new string('a', 32))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ReopenAsync("' OR 1=1 --")).StatusCode);
        Assert.Equal(1L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM visitor_devices"));
    }

    [Fact]
    public async Task A_live_reply_the_visitor_left_before_seeing_is_mailed_after_the_sites_delay()
    {
        await using var agent = await _server.OpenConsoleAsync();
        var visitor = await _server.NewVisitorAsync("Ana Lima", "ana@example.com");
        string conversationId;
        await using (var widget = await _server.ConnectVisitorAsync(visitor))
        {
            conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
            await widget.InvokeAsync("Send", new { conversationId, clientId = "m1", text = "Is the mug dishwasher safe?" });
        }

        // The visitor closed the page; the answer comes a minute later.
        await WaitDisconnectedAsync(visitor.CustomerId);
        _time.Advance(TimeSpan.FromMinutes(1));
        await agent.SendAsync(conversationId, "Yes, up to 60°C.");
        var mailer = _server.Services.GetRequiredService<ReplyMailer>();
        _time.Advance(TimeSpan.FromMinutes(4));
        await mailer.MailAsync(CancellationToken.None);
        Assert.Equal(0L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM email_outbox"));

        _time.Advance(TimeSpan.FromMinutes(1));
        var email = await _mail.WaitForOneAsync();
        Assert.Equal("ana@example.com", email.To.Mailboxes.Single().Address);
        Assert.Equal("Alex Admin from Demo Shop answered your message", email.Subject);
        Assert.Contains("Yes, up to 60°C.", email.TextBody);
        Assert.Matches(ReopenLink(), email.TextBody!);
        Assert.Equal("missed_reply", await _server.ScalarAsync<string>("SELECT kind FROM email_outbox"));
    }

    [Fact]
    public async Task A_visitor_who_came_back_and_saw_the_reply_gets_no_email()
    {
        await using var agent = await _server.OpenConsoleAsync();
        var visitor = await _server.NewVisitorAsync("Ana Lima", "ana@example.com");
        string conversationId;
        await using (var widget = await _server.ConnectVisitorAsync(visitor))
        {
            conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
            await widget.InvokeAsync("Send", new { conversationId, clientId = "m1", text = "Hello?" });
        }

        await WaitDisconnectedAsync(visitor.CustomerId);
        _time.Advance(TimeSpan.FromMinutes(1));
        await agent.SendAsync(conversationId, "Hello Ana, how can I help?");
        _time.Advance(TimeSpan.FromMinutes(2));
        await using (var back = await _server.ConnectVisitorAsync(visitor))
        {
            await back.InvokeAsync("Resume");
        }

        await WaitDisconnectedAsync(visitor.CustomerId);
        _time.Advance(TimeSpan.FromMinutes(10));
        await _server.Services.GetRequiredService<ReplyMailer>().MailAsync(CancellationToken.None);
        Assert.Equal(0L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM email_outbox"));
        Assert.Empty(_mail.Received);
    }

    [Fact]
    public async Task A_card_number_never_appears_in_an_email_even_where_the_site_stores_it()
    {
        // The admin turned the guard off for this site: the chat keeps the number, email never carries it.
        await _server.ScalarAsync<long>("UPDATE sites SET mask_private_data = 0");
        var conversationId = await EmailFlows.LeaveMessageAsync(_server, "Ana Lima", "ana@example.com", "My card 4111 1111 1111 1111 was charged twice");
        await using var agent = await _server.OpenConsoleAsync();
        await agent.Port.TakeAsync(agent.Agent.Id, conversationId, CancellationToken.None);
        await agent.SendAsync(conversationId, "I see the charge on 4111-1111-1111-1111 and refunded one.");
        Assert.Equal(1L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM messages WHERE text LIKE '%4111-1111-1111-1111%'"));

        var email = await _mail.WaitForOneAsync();
        foreach (var part in new[] { email.Subject, email.TextBody, email.HtmlBody, await _server.ScalarAsync<string>("SELECT text_body || html_body FROM email_outbox") })
        {
            Assert.DoesNotContain("4111", part);
            Assert.DoesNotContain("1111-1111", part);
        }

        Assert.Contains("refunded one", email.TextBody);
    }

    [Fact]
    public async Task Erasing_the_customer_takes_their_emails_and_their_links_with_them()
    {
        var left = await EmailFlows.LeaveMessageFullAsync(_server, "Dana Berg", "dana@example.com", "Hello?");
        var conversationId = left.GetProperty("conversationId").GetString()!;
        await using var agent = await _server.OpenConsoleAsync();
        await agent.Port.TakeAsync(agent.Agent.Id, conversationId, CancellationToken.None);
        await agent.SendAsync(conversationId, "Hello Dana!");
        var token = ReopenLink().Match((await _mail.WaitForOneAsync()).TextBody!).Value.Split('/')[^1];

        await _server.Services.GetRequiredService<Chat.Server.CustomerData.CustomerEraser>().EraseCustomerAsync(left.GetProperty("customerId").GetString()!, CancellationToken.None);

        Assert.Equal(0L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM email_outbox"));
        Assert.Equal(0L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM email_tokens"));
        Assert.Equal(HttpStatusCode.NotFound, (await ReopenAsync(token)).StatusCode);
    }

    private async Task<HttpResponseMessage> ReopenAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/email/reopen") { Content = JsonContent.Create(new { token }) };
        request.Headers.Add("Origin", _server.Origin);
        return await _server.Http.SendAsync(request);
    }

    private async Task WaitDisconnectedAsync(string customerId)
    {
        var connections = _server.Services.GetRequiredService<Chat.Server.Visitors.VisitorConnections>();
        await EmailFlows.WaitUntilAsync(() => Task.FromResult(!connections.IsConnectedHere(customerId)));
    }

    [GeneratedRegex("https?://\\S+/email/reopen/[0-9a-f]{32}")]
    private static partial Regex ReopenLink();
}
