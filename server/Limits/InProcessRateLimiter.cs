using System.Collections.Concurrent;

namespace Chat.Server.Limits;

/// <summary>Fixed windows in memory: right for one node, and the shape a Redis INCR + EXPIRE limiter takes.</summary>
public sealed class InProcessRateLimiter(TimeProvider time) : IRateLimiter
{
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private long _nextSweep;

    public ValueTask<bool> TryAcquireAsync(string key, int limit, TimeSpan window, CancellationToken ct)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var start = now - (now % (long)window.TotalMilliseconds);
        Sweep(now);
        var current = _windows.GetOrAdd(key, _ => new Window());
        lock (current)
        {
            if (current.Start != start)
            {
                current.Start = start;
                current.Ends = start + (long)window.TotalMilliseconds;
                current.Count = 0;
            }

            if (current.Count >= limit)
            {
                return ValueTask.FromResult(false);
            }

            current.Count++;
            return ValueTask.FromResult(true);
        }
    }

    /// <summary>Forgets ended windows now and then, so keys of visitors long gone do not pile up.</summary>
    private void Sweep(long now)
    {
        var due = Interlocked.Read(ref _nextSweep);
        if (now < due || Interlocked.CompareExchange(ref _nextSweep, now + 60_000, due) != due)
        {
            return;
        }

        foreach (var (key, window) in _windows)
        {
            if (window.Ends < now)
            {
                _windows.TryRemove(new KeyValuePair<string, Window>(key, window));
            }
        }
    }

    private sealed class Window
    {
        public long Start { get; set; } = -1;

        public long Ends { get; set; }

        public int Count { get; set; }
    }
}
