using System.Net.Http.Json;
using System.Text.Json;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Email;

/// <summary>The outbox with a real SMTP server that is down, then up: every email goes out, each once.</summary>
public sealed class EmailOutboxTests
{
    [Fact]
    public async Task Answers_queued_while_the_mail_server_is_down_go_out_exactly_once_when_it_is_back()
    {
        await using var mail = MailCatcher.Create();
        await using var server = await ChatServer.StartAsync(mail.ServerArgs("--Chat:Email:RetryBaseSeconds=0.2", "--Chat:Email:MaxRetryDelaySeconds=0.5", "--Chat:Email:MaxAttempts=1000"));
        await using var agent = await server.OpenConsoleAsync();

        string[] visitors = ["ana", "ben", "cem"];
        foreach (var name in visitors)
        {
            var conversationId = await EmailFlows.LeaveMessageAsync(server, name, $"{name}@example.com", "Do you ship to Austria?");
            await agent.Port.TakeAsync(agent.Agent.Id, conversationId, CancellationToken.None);
            await agent.SendAsync(conversationId, $"Yes we do, {name}.");
        }

        // Queued and tried, and kept while the server is away.
        await EmailFlows.WaitUntilAsync(async () => await server.ScalarAsync<long>("SELECT COUNT(*) FROM email_outbox WHERE status = 'queued' AND attempts > 0 AND last_error IS NOT NULL") == 3);
        Assert.Empty(mail.Received);

        await mail.StartListeningAsync();
        var received = await mail.WaitForAsync(3);
        await EmailFlows.WaitUntilAsync(async () => await server.ScalarAsync<long>("SELECT COUNT(*) FROM email_outbox WHERE status = 'sent'") == 3);

        // Once more round the sender's loop: nothing further goes out.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(3, mail.Received.Count);
        Assert.Equal(["ana@example.com", "ben@example.com", "cem@example.com"], mail.Received.Select(m => m.To.Mailboxes.Single().Address).Order());
        Assert.Equal(3, mail.Received.Select(m => m.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task An_email_the_server_refuses_for_good_is_failed_with_its_reason()
    {
        await using var mail = MailCatcher.Create();
        // Nobody listens and only two attempts are allowed: the email fails and says why.
        await using var server = await ChatServer.StartAsync(mail.ServerArgs("--Chat:Email:RetryBaseSeconds=0.1", "--Chat:Email:MaxAttempts=2"));
        await using var agent = await server.OpenConsoleAsync();
        var conversationId = await EmailFlows.LeaveMessageAsync(server, "ana", "ana@example.com", "Hello?");
        await agent.Port.TakeAsync(agent.Agent.Id, conversationId, CancellationToken.None);
        await agent.SendAsync(conversationId, "Hello Ana!");

        await EmailFlows.WaitUntilAsync(async () => await server.ScalarAsync<long>("SELECT COUNT(*) FROM email_outbox WHERE status = 'failed'") == 1);
        Assert.Equal(2L, await server.ScalarAsync<long>("SELECT attempts FROM email_outbox"));
        Assert.False(string.IsNullOrEmpty(await server.ScalarAsync<string>("SELECT last_error FROM email_outbox")));
    }
}

/// <summary>What the email tests do as a visitor would.</summary>
internal static class EmailFlows
{
    /// <summary>Leaves a message through the widget's form, with the browser's language; returns the conversation id.</summary>
    public static async Task<string> LeaveMessageAsync(ChatServer server, string name, string email, string text, string language = "en-GB,en;q=0.8")
        => (await LeaveMessageFullAsync(server, name, email, text, language)).GetProperty("conversationId").GetString()!;

    public static async Task<JsonElement> LeaveMessageFullAsync(ChatServer server, string name, string email, string text, string language = "en-GB,en;q=0.8")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/offline-messages")
        {
            Content = JsonContent.Create(new { siteKey = ChatServer.SiteKey, name, email, clientId = Guid.NewGuid().ToString(), text }),
        };
        request.Headers.AcceptLanguage.ParseAdd(language);
        var response = await server.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not come true in time.");
            }

            await Task.Delay(50);
        }
    }
}
