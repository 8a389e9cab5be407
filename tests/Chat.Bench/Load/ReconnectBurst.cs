using System.Diagnostics;
using Chat.Tests.Infrastructure;

namespace Chat.Bench.Load;

/// <summary>
/// Every connection dropped at once and opened again as fast as the clients can, as after a
/// server restart: browsers reconnect at once, and their keep-alive cycles start together.
/// </summary>
public static class ReconnectBurst
{
    public static async Task<ReconnectResult> RunAsync(IReadOnlyList<Pair> pairs, int parallelism, CancellationToken ct)
    {
        var peers = pairs.SelectMany(p => new[] { p.Visitor, p.Agent }).ToList();
        foreach (var peer in peers)
        {
            peer.Drop();
        }

        var failures = new SendFailures();
        var started = Stopwatch.StartNew();
        await Parallel.ForEachAsync(peers, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct }, async (peer, token) =>
        {
            try
            {
                await peer.ReconnectAsync(token);
            }
            catch (Exception e) when (!token.IsCancellationRequested && (SendFailures.IsSendFailure(e) || e is HubRefusedException or HttpRequestException))
            {
                // A refused reconnect is a figure of the burst; that peer's sends then fail and are counted too.
                failures.Add(e);
            }
        });
        return new ReconnectResult(peers.Count, started.Elapsed, failures);
    }
}

public sealed record ReconnectResult(int Sockets, TimeSpan Took, SendFailures Failures);
