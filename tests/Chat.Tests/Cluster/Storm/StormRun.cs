using System.Diagnostics;

namespace Chat.Tests.Cluster.Storm;

/// <summary>
/// The disconnect storm: many conversations over several nodes, both sides sending while random
/// sockets on both sides are dropped every few moments. Afterwards it counts messages
/// acknowledged, stored and shown, and every way they disagree.
/// </summary>
public static class StormRun
{
    public static async Task<StormResult> RunAsync(
        IReadOnlyList<Uri> nodes,
        IReadOnlyList<AgentLogin> logins,
        Func<CancellationToken, Task<IReadOnlyList<StoredMessage>>> readStored,
        StormOptions options)
    {
        using var limit = new CancellationTokenSource(options.Limit);
        var ct = limit.Token;
        var random = new Random(options.Seed);
        var clock = Stopwatch.StartNew();

        var agents = new List<StormAgent>();
        for (var i = 0; i < logins.Count; i++)
        {
            var agent = await StormAgent.SignInAsync(nodes, random, logins[i], i, ct);
            await agent.ConnectedAsync(ct);
            agents.Add(agent);
        }

        var visitors = new List<StormVisitor>();
        for (var i = 0; i < options.Conversations; i++)
        {
            var visitor = await StormVisitor.CreateAsync(nodes, random, options.SiteKey, i, ct);
            var status = await visitor.StartAsync(ct);
            if (status != "open")
            {
                throw new InvalidOperationException($"Conversation {i} was {status}: the agents need room for every conversation.");
            }

            visitors.Add(visitor);
        }

        foreach (var agent in agents)
        {
            await agent.LoadChatsAsync(ct);
        }

        // Both sides send while the dropper cuts sockets.
        using var stopDropping = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var dropper = DropAsync([.. visitors, .. agents], options, new Random(options.Seed + 1), stopDropping.Token);
        await Task.WhenAll(
            visitors.Select(v => v.SendAllAsync(options.MessagesPerSide, ct))
                .Concat(agents.Select(a => a.SendAllAsync(options.MessagesPerSide, ct))));
        await stopDropping.CancelAsync();
        await dropper;

        // Every client catches up once more, as after any reconnect.
        foreach (var visitor in visitors)
        {
            await visitor.ResyncAsync(ct);
        }

        foreach (var agent in agents)
        {
            await agent.ResyncAsync(ct);
        }

        var stored = await readStored(ct);
        var result = Compare(visitors, agents, stored, options, clock.Elapsed);
        foreach (var client in visitors.Cast<StormClient>().Concat(agents))
        {
            await client.CloseAsync();
        }

        return result;
    }

    private static async Task DropAsync(IReadOnlyList<StormClient> clients, StormOptions options, Random random, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(options.DropEvery);
        try
        {
            // The first round as the sending starts, not a period later: a fast server can
            // finish the whole exchange within one period, and a storm that drops nothing proves nothing.
            do
            {
                foreach (var client in clients.Where(_ => random.NextDouble() < options.DropShare))
                {
                    client.Drop();
                }
            }
            while (await timer.WaitForNextTickAsync(ct));
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>
    /// Lost: acknowledged but not stored, or stored but missing from a side's view.
    /// Duplicated: one client id under two sequence numbers, anywhere.
    /// Reordered: a view whose order differs from the database's, or a gap in stored sequences.
    /// </summary>
    private static StormResult Compare(List<StormVisitor> visitors, List<StormAgent> agents, IReadOnlyList<StoredMessage> stored, StormOptions options, TimeSpan elapsed)
    {
        var byConversation = stored.GroupBy(m => m.ConversationId).ToDictionary(g => g.Key, g => g.OrderBy(m => m.Seq).ToList());
        var storedIds = stored.Select(m => (m.ConversationId, m.ClientId)).ToHashSet();
        var acknowledged = visitors.SelectMany(v => v.Acknowledged.Select(a => (Conversation: v.ConversationId, ClientId: a.Key, Seq: a.Value)))
            .Concat(agents.SelectMany(a => a.Acknowledged.Select(x => (Conversation: ConversationOf(x.Key, a), ClientId: x.Key, Seq: x.Value))))
            .ToList();

        var lost = acknowledged.Count(a => !storedIds.Contains((a.Conversation, a.ClientId)));
        var duplicated = stored.GroupBy(m => (m.ConversationId, m.ClientId)).Count(g => g.Count() > 1)
            + visitors.Sum(v => v.View.Conflicts) + agents.Sum(a => a.Views.Values.Sum(v => v.Conflicts))
            + acknowledged.Count(a => byConversation.TryGetValue(a.Conversation, out var list) && list.Any(m => m.ClientId == a.ClientId && m.Seq != a.Seq));
        var reordered = byConversation.Values.Sum(list => list.Where((m, i) => m.Seq != i + 1).Count());

        var views = visitors.Select(v => (v.ConversationId, v.View))
            .Concat(agents.SelectMany(a => a.Views.Select(kv => (ConversationId: kv.Key, View: kv.Value))));
        foreach (var (conversationId, view) in views)
        {
            var truth = byConversation.GetValueOrDefault(conversationId, []).Select(m => m.ClientId).ToList();
            var shown = view.Shown();
            lost += truth.Except(shown).Count();
            reordered += shown.Where(truth.Contains).Zip(truth.Where(shown.Contains)).Count(pair => pair.First != pair.Second);
        }

        return new StormResult(options.Conversations, acknowledged.Count, stored.Count, lost, duplicated, reordered,
            visitors.Sum(v => v.Drops) + agents.Sum(a => a.Drops), elapsed);
    }

    private static string ConversationOf(string agentClientId, StormAgent agent) =>
        agent.Views.Keys.First(id => agentClientId.Contains($"-{id}-", StringComparison.Ordinal));
}
