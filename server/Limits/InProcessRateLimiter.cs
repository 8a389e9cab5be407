using System.Collections.Concurrent;

namespace Chat.Server.Limits;

/// <summary>
/// Sliding windows in memory: a key may have at most <c>limit</c> hits in any span of
/// <c>window</c>, not merely per clock minute, so a burst across a minute's edge is still one
/// burst. Right for one node; a Redis limiter does the same with a sorted set per key.
/// </summary>
public sealed class InProcessRateLimiter(TimeProvider time) : IRateLimiter
{
    private readonly ConcurrentDictionary<string, Hits> _hits = new(StringComparer.Ordinal);
    private long _nextSweep;

    public ValueTask<bool> TryAcquireAsync(string key, int limit, TimeSpan window, CancellationToken ct)
    {
        var now = time.NowMs();
        var since = now - (long)window.TotalMilliseconds;
        Sweep(now);
        var hits = _hits.GetOrAdd(key, _ => new Hits());
        lock (hits)
        {
            while (hits.Times.TryPeek(out var oldest) && oldest <= since)
            {
                hits.Times.Dequeue();
            }

            if (hits.Times.Count >= limit)
            {
                return ValueTask.FromResult(false);
            }

            hits.Times.Enqueue(now);
            hits.ForgetAfter = now + (long)window.TotalMilliseconds;
            return ValueTask.FromResult(true);
        }
    }

    /// <summary>Forgets keys with nothing left in their window now and then, so visitors long gone do not pile up.</summary>
    private void Sweep(long now)
    {
        var due = Interlocked.Read(ref _nextSweep);
        if (now < due || Interlocked.CompareExchange(ref _nextSweep, now + 60_000, due) != due)
        {
            return;
        }

        foreach (var (key, hits) in _hits)
        {
            if (hits.ForgetAfter < now)
            {
                _hits.TryRemove(new KeyValuePair<string, Hits>(key, hits));
            }
        }
    }

    private sealed class Hits
    {
        public Queue<long> Times { get; } = new();

        public long ForgetAfter { get; set; }
    }
}
