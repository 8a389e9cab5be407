using Chat.AgentConsole.Port;
using Chat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Tests.Cluster;

/// <summary>
/// Past one Redis: the same nodes and the same code on a three-primary Redis Cluster and on a
/// primary with a replica under Sentinel, chosen only by <c>Chat:Redis</c>. Each case starts
/// its own real Redis processes and shares one real PostgreSQL.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class RedisTopologyTests(PostgresServer postgres)
{
    private string[] Shared(IRedisUnderTest redis, string database) =>
    [
        $"--Chat:Redis={redis.Configuration}",
        "--Chat:Database:Provider=Postgres",
        $"--Chat:Database:ConnectionString={database}",
        "--Chat:Routing:HeartbeatSeconds=1",
        "--Chat:Routing:PresenceTtlSeconds=3",
        "--Chat:Routing:OfflineGraceSeconds=600",
        $"--Chat:Demo:SiteKey={ChatServer.SiteKey}",
        $"--Chat:Demo:AdminEmail={ChatServer.AdminEmail}",
        $"--Chat:Demo:AdminPassword={ChatServer.AdminPassword}",
        "--Chat:Limits:ConversationsPerIpPerMinute=100000",
        "--Chat:Limits:VisitorsPerIpPerMinute=100000",
        "--Chat:Limits:MessagesPerVisitorPerMinute=100000",
    ];

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
        var args = Shared(redis, await postgres.CreateDatabaseAsync());
        await using var nodeA = await ChatServer.StartAsync(args);
        await using var nodeB = await ChatServer.StartAsync(args);
        var agents = new List<AgentSession>();
        for (var i = 0; i < 3; i++)
        {
            var (email, password) = await nodeA.AddAgentAsync($"Agent {i}", capacity: 2);
            agents.Add(await (i % 2 == 0 ? nodeA : nodeB).OpenConsoleAsync(email, password));
        }

        // 16 visitors at once, half through each node, for 6 seats.
        var visitors = await Task.WhenAll(Enumerable.Range(0, 16).Select(async i =>
        {
            var node = i % 2 == 0 ? nodeA : nodeB;
            var client = await node.ConnectVisitorAsync(await node.NewVisitorAsync($"Visitor {i}"));
            return (Client: client, Start: await client.InvokeAsync("StartConversation"));
        }));

        Assert.Equal(6L, await nodeA.ScalarAsync<long>("SELECT COUNT(*) FROM conversations WHERE status = 'open'"));
        Assert.Equal(10L, await nodeA.ScalarAsync<long>("SELECT COUNT(*) FROM conversations WHERE status = 'queued'"));
        Assert.Equal(2L, await nodeA.ScalarAsync<long>("SELECT COALESCE(MAX(n), 0) FROM (SELECT COUNT(*) AS n FROM conversations WHERE status = 'open' GROUP BY agent_id) loads"));
        Assert.Equal(10, visitors.Count(v => v.Start.GetProperty("status").GetString() == "queued" && v.Start.GetProperty("queuePosition").GetInt32() >= 1));
        foreach (var agent in agents)
        {
            Assert.Equal(2, (await agent.Port.GetMyChatsAsync(agent.Agent.Id, CancellationToken.None)).Count);
            await agent.DisposeAsync();
        }

        foreach (var visitor in visitors)
        {
            await visitor.Client.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_rate_limit_holds_across_nodes_on_a_cluster()
    {
        await using var redis = await RedisTopologies.StartAsync(RedisTopologies.Cluster);
        string[] limited = [.. Shared(redis, await postgres.CreateDatabaseAsync()), "--Chat:Limits:ConversationsPerIpPerMinute=2"];
        await using var nodeA = await ChatServer.StartAsync(limited);
        await using var nodeB = await ChatServer.StartAsync(limited);
        await using var first = await nodeA.ConnectVisitorAsync(await nodeA.NewVisitorAsync("First"));
        await using var second = await nodeB.ConnectVisitorAsync(await nodeB.NewVisitorAsync("Second"));
        await using var third = await nodeA.ConnectVisitorAsync(await nodeA.NewVisitorAsync("Third"));

        await first.InvokeAsync("StartConversation");
        await second.InvokeAsync("StartConversation");
        await Refused.With("rate_limited", () => third.InvokeAsync("StartConversation"));
        Assert.Equal(2L, await nodeA.ScalarAsync<long>("SELECT COUNT(*) FROM conversations"));
    }

    [Fact]
    public async Task On_a_cluster_an_agent_who_leaves_gives_their_chats_back_after_the_grace_period()
    {
        await using var redis = await RedisTopologies.StartAsync(RedisTopologies.Cluster);
        // Both nodes on one fake clock, so the two minutes of grace pass at once; presence lapses
        // on Redis's own clock, so it is given longer than the test takes.
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 7, 9, 0, 0, TimeSpan.Zero));
        string[] args = [.. Shared(redis, await postgres.CreateDatabaseAsync()), "--Chat:Routing:OfflineGraceSeconds=120", "--Chat:Routing:PresenceTtlSeconds=600"];
        await using var visitorNode = await ChatServer.StartAsync(s => s.AddSingleton<TimeProvider>(time), args);
        await using var agentNode = await ChatServer.StartAsync(s => s.AddSingleton<TimeProvider>(time), args);
        var (email, password) = await visitorNode.AddAgentAsync("Gone Soon", capacity: 2);
        var leaving = await agentNode.OpenConsoleAsync(email, password);
        await using var widget = await visitorNode.ConnectVisitorAsync(await visitorNode.NewVisitorAsync("Ana"));
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await leaving.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == conversationId);

        await leaving.DisposeAsync();
        var notice = await time.AdvanceUntilAsync(
            widget.WaitForEventAsync("message", m => m.GetProperty("sender").GetString() == "system", TimeSpan.FromSeconds(30)), TimeSpan.FromSeconds(10));
        Assert.Contains("Gone Soon is no longer available", notice.GetProperty("text").GetString());

        await using var next = await agentNode.OpenConsoleAsync();
        await next.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == conversationId);
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
