using Chat.AgentConsole.Port;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Cluster;

/// <summary>
/// Past one Redis: the same nodes and the same code on a three-primary Redis Cluster and on a
/// primary with a replica under Sentinel, chosen only by <c>Chat:Redis</c>. Each case starts
/// its own real Redis processes and shares one real PostgreSQL.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class RedisTopologyTests(PostgresServer postgres)
{
    private static string[] Shared(IRedisUnderTest redis, string database) => NodeArgs.Routing(redis.Configuration, database);

    [Theory]
    [InlineData(RedisTopologies.Cluster)]
    [InlineData(RedisTopologies.Sentinel)]
    public async Task A_chat_across_two_nodes_carries_on_through_a_failover_of_the_routing_primary_with_nothing_acknowledged_lost(string topology)
    {
        await using var redis = await RedisTopologies.StartAsync(topology);
        var args = Shared(redis, await postgres.CreateDatabaseAsync());
        await using var agentNode = await ChatServer.StartAsync(args);
        await using var visitorNode = await NodeProcess.StartAsync(args);
        await using var agent = await agentNode.OpenConsoleAsync();
        await using var widget = await visitorNode.ConnectVisitorAsync(await visitorNode.NewVisitorAsync("Ana Lima"));
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await agent.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == conversationId);
        await widget.InvokeAsync("Send", new { conversationId, clientId = "v-before", text = "before" });
        Assert.Equal("before", (await agent.WaitForAsync<MessagePosted>(m => m.Message.ClientId == "v-before")).Message.Text);

        await redis.FailOverRoutingPrimaryAsync();
        // Messages go to the database, so sending never stopped; once the nodes follow the new
        // primary a message arrives live again.
        await widget.InvokeAsync("Send", new { conversationId, clientId = "v-during", text = "during" });
        await SendUntilLiveAsync(agent, widget, conversationId);
        await VisitorSendsUntilLiveAsync(agent, widget, conversationId);

        var history = await widget.InvokeAsync("GetMessages", new { conversationId, afterSeq = 0 });
        var texts = Integration.ChatFlowTests.Texts(history);
        Assert.Equal(["before", "during"], texts.Take(2));
        Assert.All(texts.Skip(2), t => Assert.Equal("after the failover", t));

        // Routing recovered: a new visitor on the other node is routed to the agent.
        await using var next = await visitorNode.ConnectVisitorAsync(await visitorNode.NewVisitorAsync("Bo Next"));
        var started = await next.InvokeAsync("StartConversation");
        var nextId = started.GetProperty("id").GetString()!;
        try
        {
            await agent.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == nextId, TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message} Started as {started}. The visitors' node said:\n{visitorNode.Output}", e);
        }
    }

    [Theory]
    [InlineData(RedisTopologies.Cluster)]
    [InlineData(RedisTopologies.Sentinel)]
    public async Task Two_nodes_racing_over_one_line_assign_each_visitor_once_and_no_agent_over_capacity(string topology)
    {
        await using var redis = await RedisTopologies.StartAsync(topology);
        await ClusterScenarios.RacingOverOneLineAsync(Shared(redis, await postgres.CreateDatabaseAsync()), agentCount: 3, capacity: 2, visitorCount: 16);
    }

    [Fact]
    public async Task A_rate_limit_holds_across_nodes_on_a_cluster()
    {
        await using var redis = await RedisTopologies.StartAsync(RedisTopologies.Cluster);
        await ClusterScenarios.RateLimitAcrossNodesAsync(Shared(redis, await postgres.CreateDatabaseAsync()));
    }

    [Fact]
    public async Task On_a_cluster_an_agent_who_leaves_gives_their_chats_back_after_the_grace_period()
    {
        await using var redis = await RedisTopologies.StartAsync(RedisTopologies.Cluster);
        await ClusterScenarios.GracePeriodAsync(Shared(redis, await postgres.CreateDatabaseAsync()));
    }

    private static async Task VisitorSendsUntilLiveAsync(AgentSession agent, HubSession widget, string conversationId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        for (var attempt = 0; ; attempt++)
        {
            var clientId = $"v-after-{attempt}";
            await widget.InvokeAsync("Send", new { conversationId, clientId, text = "after the failover" });
            try
            {
                await agent.WaitForAsync<MessagePosted>(m => m.Message.ClientId == clientId, TimeSpan.FromSeconds(2));
                return;
            }
            catch (TimeoutException) when (DateTime.UtcNow < deadline)
            {
            }
        }
    }

    private static async Task SendUntilLiveAsync(AgentSession agent, HubSession widget, string conversationId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        for (var attempt = 0; ; attempt++)
        {
            var clientId = $"a-after-{attempt}";
            await agent.SendAsync(conversationId, "after the failover", clientId);
            try
            {
                await widget.WaitForEventAsync("message", m => m.GetProperty("clientId").GetString() == clientId, TimeSpan.FromSeconds(2));
                return;
            }
            catch (TimeoutException) when (DateTime.UtcNow < deadline)
            {
            }
        }
    }
}
