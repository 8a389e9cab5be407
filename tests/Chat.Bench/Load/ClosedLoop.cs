using System.Diagnostics;
using Chat.Bench.Hosting;
using Chat.Bench.Measure;

namespace Chat.Bench.Load;

/// <summary>
/// Each of <c>concurrency</c> conversations sends its next message as soon as the last one is
/// acknowledged, alternating visitor and agent: the rate the server sustains at that depth.
/// </summary>
public static class ClosedLoop
{
    private static readonly TimeSpan AckTimeout = TimeSpan.FromSeconds(30);

    public static async Task<ClosedLoopResult> RunAsync(
        IReadOnlyList<Pair> pairs, int concurrency, TimeSpan warmup, TimeSpan duration, int textLength, ServerProcess server, CancellationToken ct)
    {
        var result = new ClosedLoopResult(concurrency);
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var end = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);

        async Task WorkAsync(Pair pair)
        {
            for (var k = 0L; Stopwatch.GetTimestamp() < end; k++)
            {
                var sender = k % 2 == 0 ? pair.Visitor : pair.Agent;
                var sentAt = Stopwatch.GetTimestamp();
                try
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    timeout.CancelAfter(AckTimeout);
                    await sender.SendAsync($"c{concurrency}-{pair.Index}-{k}", MessageStamp.Create(sentAt, textLength), timeout.Token);
                    Interlocked.Increment(ref result.AckedTotal);
                    if (sentAt >= measureFrom)
                    {
                        result.Acks.Add(Stopwatch.GetElapsedTime(sentAt).TotalMilliseconds);
                    }
                }
                catch (Exception e) when (SendFailures.IsSendFailure(e) && !ct.IsCancellationRequested)
                {
                    result.Failures.Add(e);
                }
            }
        }

        var workers = pairs.Take(concurrency).Select(p => Task.Run(() => WorkAsync(p), ct)).ToArray();
        await Task.Delay(warmup, ct);
        var meter = await WindowMeter.StartAsync(server, ct);
        await Task.WhenAll(workers);
        result.Window = await meter.StopAsync(ct);
        result.Duration = duration;
        return result;
    }
}

/// <summary>One concurrency step: acknowledgements in the measured window and their latency.</summary>
public sealed class ClosedLoopResult(int concurrency)
{
    public long AckedTotal;

    public int Concurrency { get; } = concurrency;

    public Latencies Acks { get; } = new();

    public SendFailures Failures { get; } = new();

    /// <summary>CPU and each process's runtime figures over the measured window.</summary>
    public WindowFigures Window { get; set; } = null!;

    public CpuUse Cpu => Window.Cpu;

    public TimeSpan Duration { get; set; }

    /// <summary>Acknowledged messages per second, sent and answered within the measured window.</summary>
    public double Rate => Acks.Count / Duration.TotalSeconds;
}
