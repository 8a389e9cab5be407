using Chat.AgentConsole.Port;
using Chat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Tests.Cluster;

/// <summary>What must hold across nodes whatever Redis they share (one server, a cluster, Sentinel): each written once.</summary>
internal static class ClusterScenarios
{
    /// <summary>Visitors arrive at once through two nodes, more than the agents' seats: each is assigned once, no agent over capacity, the rest wait.</summary>
    public static async Task RacingOverOneLineAsync(string[] args, int agentCount, int capacity, int visitorCount)
    {
        await using var nodeA = await ChatServer.StartAsync(args);
        await using var nodeB = await ChatServer.StartAsync(args);
        var agents = new List<AgentSession>();
        for (var i = 0; i < agentCount; i++)
        {
            var (email, password) = await nodeA.AddAgentAsync($"Agent {i}", capacity: capacity);
            agents.Add(await (i % 2 == 0 ? nodeA : nodeB).OpenConsoleAsync(email, password));
        }

        var visitors = await Task.WhenAll(Enumerable.Range(0, visitorCount).Select(async i =>
        {
            var node = i % 2 == 0 ? nodeA : nodeB;
            var client = await node.ConnectVisitorAsync(await node.NewVisitorAsync($"Visitor {i}"));
            return (Client: client, Start: await client.InvokeAsync("StartConversation"));
        }));

        var seats = agentCount * capacity;
        Assert.Equal(seats, await nodeA.ScalarAsync<long>("SELECT COUNT(*) FROM conversations WHERE status = 'open'"));
        Assert.Equal(visitorCount - seats, await nodeA.ScalarAsync<long>("SELECT COUNT(*) FROM conversations WHERE status = 'queued'"));
        Assert.Equal(capacity, await nodeA.ScalarAsync<long>("SELECT COALESCE(MAX(n), 0) FROM (SELECT COUNT(*) AS n FROM conversations WHERE status = 'open' GROUP BY agent_id) loads"));
        Assert.Equal(visitorCount - seats, visitors.Count(v => v.Start.GetProperty("status").GetString() == "queued" && v.Start.GetProperty("queuePosition").GetInt32() >= 1));
        foreach (var agent in agents)
        {
            Assert.Equal(capacity, (await agent.Port.GetMyChatsAsync(agent.Agent.Id, CancellationToken.None)).Count);
            await agent.DisposeAsync();
        }

        foreach (var visitor in visitors)
        {
            await visitor.Client.DisposeAsync();
        }
    }

    /// <summary>Two conversations a minute per address, counted together by two nodes: the third is refused wherever it comes.</summary>
    public static async Task RateLimitAcrossNodesAsync(string[] args)
    {
        string[] limited = [.. args, "--Chat:Limits:ConversationsPerIpPerMinute=2"];
        await using var nodeA = await ChatServer.StartAsync(limited);
        await using var nodeB = await ChatServer.StartAsync(limited);
        await using var first = await nodeA.ConnectVisitorAsync(await nodeA.NewVisitorAsync("First"));
        await using var second = await nodeB.ConnectVisitorAsync(await nodeB.NewVisitorAsync("Second"));
        await using var third = await nodeA.ConnectVisitorAsync(await nodeA.NewVisitorAsync("Third"));

        await first.InvokeAsync("StartConversation");
        await second.InvokeAsync("StartConversation");
        // Each node alone saw at most two; only the shared count in Redis refuses the third.
        await Refused.With("rate_limited", () => third.InvokeAsync("StartConversation"));
        Assert.Equal(2L, await nodeA.ScalarAsync<long>("SELECT COUNT(*) FROM conversations"));
    }

    /// <summary>An agent's last console closes on one node: after the grace period their chat goes back in line, the visitor is told, and the next agent gets it.</summary>
    public static async Task GracePeriodAsync(string[] args)
    {
        // Both nodes on one fake clock: the two minutes of grace pass at once. Presence in Redis
        // lapses on Redis's own clock, so it is given longer than the test takes.
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 7, 9, 0, 0, TimeSpan.Zero));
        string[] graced = [.. args, "--Chat:Routing:OfflineGraceSeconds=120", "--Chat:Routing:PresenceTtlSeconds=600"];
        await using var visitorNode = await ChatServer.StartAsync(s => s.AddSingleton<TimeProvider>(time), graced);
        await using var agentNode = await ChatServer.StartAsync(s => s.AddSingleton<TimeProvider>(time), graced);
        var (email, password) = await visitorNode.AddAgentAsync("Gone Soon", capacity: 2);
        var leaving = await agentNode.OpenConsoleAsync(email, password);
        await using var widget = await visitorNode.ConnectVisitorAsync(await visitorNode.NewVisitorAsync("Ana"));
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await leaving.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == conversationId);

        // The agent's last console closes: offline at once, their chat kept through the grace period.
        await leaving.DisposeAsync();
        var notice = await time.AdvanceUntilAsync(
            widget.WaitForEventAsync("message", m => m.GetProperty("sender").GetString() == "system", TimeSpan.FromSeconds(30)), TimeSpan.FromSeconds(10));
        Assert.Contains("Gone Soon is no longer available", notice.GetProperty("text").GetString());
        Assert.Equal("queued", (await widget.InvokeAsync("GetConversation", new { conversationId })).GetProperty("status").GetString());

        // The next agent to come online gets it.
        await using var next = await agentNode.OpenConsoleAsync();
        await next.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == conversationId);
    }
}
