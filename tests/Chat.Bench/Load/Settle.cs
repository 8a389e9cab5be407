using Chat.Bench.Hosting;
using Chat.Bench.Measure;
using Chat.Bench.Targets;

namespace Chat.Bench.Load;

/// <summary>
/// What set-up leaves behind, cleared before a measured window: the garbage and the young
/// connection state of thousands of connections opened in a few seconds (which the next
/// collections would otherwise promote, in a long pause, inside the window), and keep-alive
/// cycles that all started within those seconds (so their pings would fall due together).
/// </summary>
public static class Settle
{
    public static async Task RunAsync(IReadOnlyList<ServerProcess> servers, IReadOnlyList<Pair> pairs, CancellationToken ct)
    {
        // A full blocking compacting collection in every server process and in the load client, each in its own process.
        await Task.WhenAll(servers.Select(s => s.CollectGarbageAsync(ct)).Append(Task.Run(FullCollection.Run, ct)));
        foreach (var peer in pairs.SelectMany(p => new[] { p.Visitor, p.Agent }))
        {
            // Each connection's next check falls anywhere in the coming interval, not in the same second as its neighbours'.
            peer.KeepAlive(Connections.KeepAlive * Random.Shared.NextDouble(), Connections.KeepAlive);
        }
    }
}
