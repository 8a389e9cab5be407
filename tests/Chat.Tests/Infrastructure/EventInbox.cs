using System.Threading.Channels;

namespace Chat.Tests.Infrastructure;

/// <summary>
/// Events a client has received, kept until a test takes them: waiting finds one that came
/// earlier as well as one still to come, so no test sleeps to let an event arrive.
/// </summary>
public sealed class EventInbox<T>(string source)
    where T : class
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly Channel<T> _arrivals = Channel.CreateUnbounded<T>();
    private readonly List<T> _kept = [];

    public void Add(T item)
    {
        lock (_kept)
        {
            _kept.Add(item);
        }

        _arrivals.Writer.TryWrite(item);
    }

    /// <summary>Every event kept so far that matches, without waiting.</summary>
    public IReadOnlyList<T> Kept(Func<T, bool> match)
    {
        lock (_kept)
        {
            return [.. _kept.Where(match)];
        }
    }

    /// <summary>Takes the first kept event that matches, or waits for one; <paramref name="what"/> names it in the timeout's message.</summary>
    public async Task<T> TakeAsync(Func<T, bool> match, string what, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        if (TryTake(match, out var earlier))
        {
            return earlier;
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout ?? DefaultTimeout);
        try
        {
            // Events that arrive while waiting are also in the kept list; take from there so each is taken once.
            while (true)
            {
                var next = await _arrivals.Reader.ReadAsync(limit.Token);
                if (match(next) && TryTake(e => ReferenceEquals(e, next), out var taken))
                {
                    return taken;
                }
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"No {what} reached {source} in time.");
        }
    }

    private bool TryTake(Func<T, bool> match, out T taken)
    {
        lock (_kept)
        {
            var index = _kept.FindIndex(e => match(e));
            if (index >= 0)
            {
                taken = _kept[index];
                _kept.RemoveAt(index);
                return true;
            }
        }

        taken = null!;
        return false;
    }
}
