using Chat.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Chat.Tests.Operations;

/// <summary>
/// What the server allocates per message is pinned, so it cannot creep back: every byte
/// allocated on the message path is paid for again in collections that pause every chat on
/// the node (see docs/benchmarks.md). Measured in a server process of its own, from the
/// runtime's count of bytes allocated, around messages sent both ways through the real hubs.
/// </summary>
public sealed class HotPathAllocationTests(ITestOutputHelper output)
{
    /// <summary>
    /// Bytes per message, each one committed alone and delivered to the visitor and the agent,
    /// with metrics on: 8.3 KB measured when the budget was last set (11.7 KB before the SQLite
    /// statements ran through SQLite's own API and the hubs and their filters were made without
    /// a scope's work per call; 15.8 KB before
    /// the writer kept its connection and statements). Under load a commit carries many messages
    /// and each costs less.
    /// </summary>
    private const double Budget = 9_000;

    private const int Warmup = 400;
    private const int Measured = 2_000;

    [Fact]
    public async Task Sending_a_message_both_ways_allocates_no_more_than_the_budget_on_the_server()
    {
        var dataDir = Directory.CreateTempSubdirectory("chat-alloc-").FullName;
        await using var node = await NodeProcess.StartAsync(
        [
            $"--Chat:DataDir={dataDir}",
            $"--Chat:Demo:SiteKey={ChatServer.SiteKey}",
            $"--Chat:Demo:AdminEmail={ChatServer.AdminEmail}",
            $"--Chat:Demo:AdminPassword={ChatServer.AdminPassword}",
            "--Chat:Limits:MessagesPerVisitorPerMinute=100000",
            "--Chat:Metrics:Enabled=true",
        ]);
        using var http = new HttpClient { BaseAddress = node.BaseUrl };
        await using var agent = await node.ConnectAgentAsync();
        await agent.InvokeAsync("SetPresence", new { presence = "online" });
        await using var visitor = await node.ConnectVisitorAsync(await node.NewVisitorAsync("Dana"));
        var conversationId = (await visitor.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await agent.WaitForEventAsync("chatAssigned");

        await ExchangeAsync(visitor, agent, conversationId, "warm", Warmup);
        var before = await AllocatedAsync(http);
        await ExchangeAsync(visitor, agent, conversationId, "measured", Measured);
        var after = await AllocatedAsync(http);

        var perMessage = (after - before) / Measured;
        output.WriteLine($"server allocated {perMessage:F0} bytes per message (budget {Budget:F0})");
        Assert.True(perMessage <= Budget, $"The server allocated {perMessage:F0} bytes per message, over the budget of {Budget:F0}.");
    }

    /// <summary>Visitor and agent take turns; each message is acknowledged and delivered to the other side before the next.</summary>
    private static async Task ExchangeAsync(HubSession visitor, HubSession agent, string conversationId, string prefix, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var clientId = $"{prefix}-{i}";
            var (sender, receiver) = i % 2 == 0 ? (visitor, agent) : (agent, visitor);
            var delivered = receiver.WaitForEventAsync("message", m => m.GetProperty("clientId").GetString() == clientId);
            await sender.InvokeAsync("Send", new { conversationId, clientId, text = "Is the blue mug dishwasher safe? I would like two." });
            await delivered;
        }
    }

    private static async Task<double> AllocatedAsync(HttpClient http)
    {
        var scrape = await Scrape.ReadAsync(http);
        return scrape.Value("dotnet_gc_heap_total_allocated_bytes_total")
            ?? throw new InvalidOperationException("The runtime's allocation count is missing from /metrics.");
    }
}
