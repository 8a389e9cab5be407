using System.Diagnostics;
using Chat.Bench.Hosting;
using Chat.Bench.Measure;

namespace Chat.Bench.Load;

/// <summary>
/// Sends at a fixed total rate whatever the answers, each message stamped with the moment it
/// was due, so a slow server shows as latency instead of quietly lowering the rate. Messages
/// go round the conversations, alternating visitor to agent and agent to visitor.
/// </summary>
public static class OpenLoop
{
    /// <summary>How long to wait after the last send for answers and deliveries still on their way.</summary>
    public static readonly TimeSpan Drain = TimeSpan.FromSeconds(15);

    /// <summary>The client falls behind when a send starts this much later than due (p99).</summary>
    public const double LagLimitMs = 25;

    public static async Task<OpenLoopResult> RunAsync(
        IReadOnlyList<Pair> pairs, OpenLoopPlan plan, DeliveryProbe probe, IReadOnlyList<ServerProcess> servers, CancellationToken ct)
    {
        var total = (long)(plan.Rate * (plan.Warmup + plan.Duration).TotalSeconds);
        var warmCount = (long)(plan.Rate * plan.Warmup.TotalSeconds);
        var ticksPerMessage = Stopwatch.Frequency / (double)plan.Rate;
        // More than ten seconds' worth of unanswered sends is no longer a latency test; further sends are skipped and counted.
        var maxInFlight = Math.Max(1_000, plan.Rate * 10);

        var result = new OpenLoopResult();
        using var run = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var inFlight = 0L;
        var start = Stopwatch.GetTimestamp();
        probe.MeasureFrom(start + (long)(warmCount * ticksPerMessage));
        Task<WindowMeter>? window = null;

        async Task SendAsync(long i, long due, bool measured)
        {
            Interlocked.Increment(ref inFlight);
            try
            {
                var pair = pairs[(int)(i % pairs.Count)];
                var sender = i / pairs.Count % 2 == 0 ? pair.Visitor : pair.Agent;
                if (measured)
                {
                    result.SendLag.Add(MessageStamp.MillisecondsSince(due));
                    Interlocked.Increment(ref result.Sent);
                }

                await sender.SendAsync($"m{i}", MessageStamp.Create(due, plan.TextLength), run.Token);
                if (measured)
                {
                    result.Acks.Add(MessageStamp.MillisecondsSince(due));
                    Interlocked.Increment(ref result.Acked);
                }
            }
            catch (Exception e)
            {
                // Nobody awaits this send, so every failure, expected or not, is counted here.
                if (measured)
                {
                    result.Failures.Add(e);
                }
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
            }
        }

        for (var i = 0L; i < total;)
        {
            var due = Math.Min(total, (long)(Stopwatch.GetElapsedTime(start).TotalSeconds * plan.Rate) + 1);
            for (; i < due; i++)
            {
                if (i == warmCount)
                {
                    // Not awaited: the servers open their windows while the loop keeps its schedule.
                    window = WindowMeter.StartAsync(servers, ct);
                }

                if (Interlocked.Read(ref inFlight) >= maxInFlight)
                {
                    Interlocked.Increment(ref result.Skipped);
                    continue;
                }

                _ = SendAsync(i, start + (long)(i * ticksPerMessage), measured: i >= warmCount);
            }

            await Task.Delay(1, ct);
        }

        result.Window = await (await (window ?? WindowMeter.StartAsync(servers, ct))).StopAsync(ct);
        var drainStart = Stopwatch.GetTimestamp();
        while ((Interlocked.Read(ref inFlight) > 0 || probe.Delivered < Interlocked.Read(ref result.Acked))
            && Stopwatch.GetElapsedTime(drainStart) < Drain)
        {
            await Task.Delay(20, ct);
        }

        // Whatever has not answered by now counts as failed.
        await run.CancelAsync();
        while (Interlocked.Read(ref inFlight) > 0 && Stopwatch.GetElapsedTime(drainStart) < Drain + TimeSpan.FromSeconds(5))
        {
            await Task.Delay(20, ct);
        }

        result.ClientFellBehind = result.SendLag.Stats().P99 > LagLimitMs;
        result.ServerFellBehind = result.Skipped > 0;
        return result;
    }
}

public sealed record OpenLoopPlan(int Rate, TimeSpan Warmup, TimeSpan Duration, int TextLength);

/// <summary>What one fixed-rate run measured; counts cover the measured window only.</summary>
public sealed class OpenLoopResult
{
    public long Sent;
    public long Acked;
    public long Skipped;

    public SendFailures Failures { get; } = new();

    public Latencies Acks { get; } = new();

    /// <summary>How late each send started against its schedule: the client's own health.</summary>
    public Latencies SendLag { get; } = new();

    /// <summary>CPU and each process's runtime figures over the measured window (from the end of warm-up to the last send), per server node.</summary>
    public WindowFigures Window { get; set; } = null!;

    public CpuUse Cpu => Window.Cpu;

    public bool ClientFellBehind { get; set; }

    /// <summary>Sends were skipped because too many earlier ones were still unanswered.</summary>
    public bool ServerFellBehind { get; set; }
}
