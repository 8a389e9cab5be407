using Chat.AgentConsole.Port;
using Chat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Tests.Cluster;

/// <summary>
/// Several nodes sharing one real Redis and one real PostgreSQL. Node processes can be killed
/// with SIGKILL; the agent's node runs in the test process so the test can drive its console port.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterTests(PostgresServer postgres) : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private string _database = "";

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _database = await postgres.CreateDatabaseAsync();
    }

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    private string[] Shared(int graceSeconds = 600) => NodeArgs.Routing(_redis.Configuration, _database, graceSeconds);

    [Fact]
    public async Task A_visitor_on_one_node_and_an_agent_on_another_chat_and_type_both_ways()
    {
        await using var agentNode = await ChatServer.StartAsync(Shared());
        await using var visitorNode = await NodeProcess.StartAsync(Shared());
        await using var agent = await agentNode.OpenConsoleAsync();
        await using var widget = await visitorNode.ConnectVisitorAsync(await visitorNode.NewVisitorAsync("Ana Lima"));

        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        var assigned = await agent.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == conversationId);
        Assert.Equal("Ana Lima", assigned.Chat.CustomerName);

        await widget.InvokeAsync("Typing", new { conversationId, text = "Hel" });
        Assert.True((await agent.WaitForAsync<VisitorTyping>(t => t.ConversationId == conversationId)).IsTyping);
        await widget.InvokeAsync("Send", new { conversationId, clientId = "v1", text = "Hello from node A" });
        Assert.Equal("Hello from node A", (await agent.WaitForAsync<MessagePosted>(m => m.Message.ClientId == "v1")).Message.Text);

        await agent.Port.SetTypingAsync(agent.Agent.Id, conversationId, true, CancellationToken.None);
        Assert.True((await widget.WaitForEventAsync("typing")).GetProperty("isTyping").GetBoolean());
        await agent.SendAsync(conversationId, "Hello from node B", "a1");
        var reply = await widget.WaitForEventAsync("message", m => m.GetProperty("clientId").GetString() == "a1");
        Assert.Equal("Alex Admin", reply.GetProperty("senderName").GetString());
    }

    [Fact]
    public async Task When_the_visitors_node_is_killed_the_visitor_continues_on_another_with_every_message_once_in_order()
    {
        await using var agentNode = await ChatServer.StartAsync(Shared());
        var doomed = await NodeProcess.StartAsync(Shared());
        await using var survivor = await NodeProcess.StartAsync(Shared());
        await using var agent = await agentNode.OpenConsoleAsync();
        var visitor = await doomed.NewVisitorAsync("Ana");
        var acknowledged = new List<string>();

        var first = await doomed.ConnectVisitorAsync(visitor);
        var conversationId = (await first.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await agent.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == conversationId);
        for (var i = 0; i < 5; i++)
        {
            await first.InvokeAsync("Send", new { conversationId, clientId = $"before-{i}", text = $"before {i}" });
            acknowledged.Add($"before {i}");
        }

        await doomed.KillAsync();
        await first.WaitClosedAsync(TimeSpan.FromSeconds(10));
        acknowledged.Add((await agent.SendAsync(conversationId, "while you were away")).Text);

        await using var second = await survivor.ConnectVisitorAsync(visitor);
        for (var i = 0; i < 5; i++)
        {
            await second.InvokeAsync("Send", new { conversationId, clientId = $"after-{i}", text = $"after {i}" });
            acknowledged.Add($"after {i}");
        }

        // A retry of a message whose acknowledgement was lost with the node stores nothing new.
        await second.InvokeAsync("Send", new { conversationId, clientId = "before-4", text = "before 4" });

        var history = await second.InvokeAsync("GetMessages", new { conversationId, afterSeq = 0 });
        Assert.Equal(acknowledged, ChatFlowTexts(history));
        Assert.Equal(Enumerable.Range(1, acknowledged.Count).Select(i => (long)i), history.EnumerateArray().Select(m => m.GetProperty("seq").GetInt64()));
        await doomed.DisposeAsync();
    }

    [Fact]
    public async Task After_redis_restarts_delivery_resumes_and_no_acknowledged_message_is_lost()
    {
        await using var agentNode = await ChatServer.StartAsync(Shared());
        await using var visitorNode = await NodeProcess.StartAsync(Shared());
        await using var agent = await agentNode.OpenConsoleAsync();
        await using var widget = await visitorNode.ConnectVisitorAsync(await visitorNode.NewVisitorAsync("Ana"));
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await agent.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == conversationId);
        await widget.InvokeAsync("Send", new { conversationId, clientId = "v-before", text = "before" });

        await _redis.KillAsync();
        // Messages are committed to the database, so sending goes on while Redis is away.
        await widget.InvokeAsync("Send", new { conversationId, clientId = "v-during", text = "during" });
        await _redis.StartProcessAsync();

        // Both nodes reconnect and re-subscribe on their own; a message after that arrives live.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var attempt = 0;
        while (true)
        {
            var clientId = $"a-after-{attempt++}";
            await agent.SendAsync(conversationId, "after the restart", clientId);
            try
            {
                await widget.WaitForEventAsync("message", m => m.GetProperty("clientId").GetString() == clientId, TimeSpan.FromSeconds(2));
                break;
            }
            catch (TimeoutException) when (DateTime.UtcNow < deadline)
            {
            }
        }

        var history = await widget.InvokeAsync("GetMessages", new { conversationId, afterSeq = 0 });
        var texts = ChatFlowTexts(history);
        Assert.Equal(["before", "during"], texts.Take(2));
        Assert.All(texts.Skip(2), t => Assert.Equal("after the restart", t));
    }

    [Fact]
    public async Task After_redis_loses_everything_a_waiting_visitor_keeps_their_place_and_gets_the_next_agent()
    {
        await using var visitorNode = await NodeProcess.StartAsync(Shared());
        await using var agentNode = await ChatServer.StartAsync(Shared());
        await using var widget = await visitorNode.ConnectVisitorAsync(await visitorNode.NewVisitorAsync("Waiting Wanda"));
        var waiting = await widget.InvokeAsync("StartConversation");
        Assert.Equal("queued", waiting.GetProperty("status").GetString());

        await _redis.KillAsync();
        await _redis.StartProcessAsync();
        await using var agent = await agentNode.OpenConsoleAsync();

        var conversationId = waiting.GetProperty("id").GetString()!;
        await agent.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == conversationId, TimeSpan.FromSeconds(30));
    }

    [Fact]
    public Task A_rate_limit_holds_across_nodes() => ClusterScenarios.RateLimitAcrossNodesAsync(Shared());

    [Fact]
    public async Task A_send_during_a_short_database_outage_is_retried_and_stored_once()
    {
        await using var node = await ChatServer.StartAsync(Shared());
        await using var widget = await node.ConnectVisitorAsync(await node.NewVisitorAsync());
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;

        await postgres.StopAsync();
        var send = widget.InvokeAsync("Send", new { conversationId, clientId = "during-outage", text = "sent while the database restarts" });
        await postgres.StartAsync();
        var acknowledged = await send;

        Assert.Equal(1, acknowledged.GetProperty("seq").GetInt64());
        Assert.Equal(1L, await node.ScalarAsync<long>("SELECT COUNT(*) FROM messages WHERE client_id = 'during-outage'"));
    }

    [Fact]
    public async Task A_send_during_a_long_database_outage_fails_with_a_clear_error_and_stores_nothing()
    {
        await using var node = await ChatServer.StartAsync([.. Shared(), "--Chat:Database:Resilience:RetryAttempts=2"]);
        await using var widget = await node.ConnectVisitorAsync(await node.NewVisitorAsync());
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;

        await postgres.StopAsync();
        try
        {
            await Refused.With("unavailable", () => widget.InvokeAsync("Send", new { conversationId, clientId = "lost", text = "nobody home" }));
        }
        finally
        {
            await postgres.StartAsync();
        }

        Assert.Equal(0L, await node.ScalarAsync<long>("SELECT COUNT(*) FROM messages"));
        // The widget retries with the same client id once the database is back: stored once.
        await widget.InvokeAsync("Send", new { conversationId, clientId = "lost", text = "nobody home" });
        Assert.Equal(1L, await node.ScalarAsync<long>("SELECT COUNT(*) FROM messages"));
    }

    [Fact]
    public Task Two_nodes_racing_over_one_line_assign_each_visitor_once_and_no_agent_over_capacity() =>
        ClusterScenarios.RacingOverOneLineAsync(Shared(), agentCount: 4, capacity: 3, visitorCount: 30);

    [Fact]
    public Task An_agent_whose_node_dies_gives_their_chats_back_after_the_grace_period_and_the_visitor_is_told() =>
        ClusterScenarios.GracePeriodAsync(Shared());

    private static string[] ChatFlowTexts(System.Text.Json.JsonElement messages) => Integration.ChatFlowTests.Texts(messages);
}
