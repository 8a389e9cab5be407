using Chat.AgentConsole.Port;
using Chat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Tests.Operations;

/// <summary>/metrics as an operator's Prometheus reads it.</summary>
public sealed class MetricsTests
{
    [Fact]
    public async Task After_a_short_chat_metrics_count_the_stored_messages_and_their_acknowledgements()
    {
        await using var server = await ChatServer.StartAsync("--Chat:Metrics:Enabled=true");
        // Another server in the same process chats too: each counts only its own.
        await using var other = await ChatServer.StartAsync();
        await using var agent = await server.OpenConsoleAsync();
        await using var widget = await server.ConnectVisitorAsync(await server.NewVisitorAsync("Ana"));
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await agent.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == conversationId);
        await using var otherWidget = await other.ConnectVisitorAsync(await other.NewVisitorAsync("Bo"));
        var otherConversation = (await otherWidget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;

        await widget.InvokeAsync("Send", new { conversationId, clientId = "v1", text = "Hello" });
        await widget.InvokeAsync("Send", new { conversationId, clientId = "v2", text = "Anyone there?" });
        await otherWidget.InvokeAsync("Send", new { conversationId = otherConversation, clientId = "o1", text = "Elsewhere" });
        await agent.SendAsync(conversationId, "Hi Ana", "a1");
        // A retry stores nothing new but is acknowledged again; a refusal stores nothing and is counted by its code.
        await widget.InvokeAsync("Send", new { conversationId, clientId = "v2", text = "Anyone there?" });
        await Refused.With("message_too_long", () => widget.InvokeAsync("Send", new { conversationId, clientId = "v3", text = new string('x', 4001) }));

        var scrape = await Scrape.ReadAsync(server.Http);

        Assert.Equal(2, scrape.Value("chat_messages_stored_total", "chat_sender=\"visitor\""));
        Assert.Equal(1, scrape.Value("chat_messages_stored_total", "chat_sender=\"agent\""));
        Assert.Equal(3, scrape.Value("chat_message_ack_duration_seconds_count", "chat_sender=\"visitor\""));
        Assert.Equal(3, scrape.Value("chat_message_ack_duration_seconds_bucket", "chat_sender=\"visitor\"", "le=\"+Inf\""));
        Assert.Equal(1, scrape.Value("chat_message_ack_duration_seconds_count", "chat_sender=\"agent\""));
        Assert.InRange(scrape.Value("chat_message_ack_duration_seconds_sum", "chat_sender=\"visitor\"")!.Value, 0, 30);
        // One after another, each message is its own group commit; the retry commits nothing.
        Assert.Equal(3, scrape.Value("chat_commit_messages_count"));
        Assert.Equal(3, scrape.Value("chat_commit_messages_bucket", "le=\"1\""));
        Assert.Equal(1, scrape.Value("chat_first_reply_duration_seconds_count"));
        Assert.Equal(1, scrape.Value("chat_visitor_connections"));
        Assert.Equal(1, scrape.Value("chat_refusals_total", "chat_code=\"message_too_long\""));
        // ASP.NET Core's own meters come along: HTTP requests, Kestrel and SignalR connections.
        Assert.True(scrape.Has("http_server_request_duration_seconds_count"), scrape.Text);
        Assert.True(scrape.Has("kestrel_active_connections"), scrape.Text);
        Assert.True(scrape.Has("signalr_server_active_connections"), scrape.Text);
    }

    [Fact]
    public async Task The_queue_length_gauge_follows_the_visitors_waiting_per_site()
    {
        // On a fake clock the gauge's samples come when the test moves the clock, not every five seconds.
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 7, 9, 0, 0, TimeSpan.Zero));
        await using var server = await ChatServer.StartAsync(s => s.AddSingleton<TimeProvider>(time), "--Chat:Metrics:Enabled=true");
        await using var first = await server.ConnectVisitorAsync(await server.NewVisitorAsync("Ana"));
        await using var second = await server.ConnectVisitorAsync(await server.NewVisitorAsync("Bo"));
        await first.InvokeAsync("StartConversation");
        await second.InvokeAsync("StartConversation");

        Assert.Equal(2, await QueueLengthOnceSampledAsync(server, time, 2));

        await using var agent = await server.OpenConsoleAsync();
        Assert.Equal(0, await QueueLengthOnceSampledAsync(server, time, 0));
    }

    [Fact]
    public async Task Metrics_are_off_unless_enabled()
    {
        await using var server = await ChatServer.StartAsync();

        var response = await server.Http.GetAsync("metrics");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>
    /// Moves the clock on a sampling period and scrapes, until the gauge shows <paramref name="expected"/>:
    /// each move starts a sample, which lands a moment later.
    /// </summary>
    private static async Task<double?> QueueLengthOnceSampledAsync(ChatServer server, FakeTimeProvider time, double expected)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            time.Advance(TimeSpan.FromSeconds(5));
            var value = (await Scrape.ReadAsync(server.Http)).Value("chat_queue_length", $"chat_site=\"{ChatServer.SiteKey}\"");
            if (value == expected || deadline.IsCancellationRequested)
            {
                return value;
            }
        }
    }
}
