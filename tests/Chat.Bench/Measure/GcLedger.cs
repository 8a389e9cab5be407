namespace Chat.Bench.Measure;

/// <summary>
/// Collections and pauses built from the runtime's GC events, kept with their times so any
/// window can be summed afterwards. A pause runs from GCSuspendEEBegin to GCRestartEEEnd and
/// belongs to the collection that started inside it. A background gen2 collection pauses more
/// than once (at its start and to finish marking) and runs between: a pause in which nothing
/// started belongs to the background collection still running, if any.
/// </summary>
public sealed class GcLedger
{
    private readonly Lock _gate = new();
    private readonly List<Collection> _collections = [];
    private readonly List<Pause> _pauses = [];
    private readonly List<(long Index, TaskCompletionSource Done)> _waiters = [];
    private long _pauseBegan = -1;
    private Collection? _startedInPause;
    private Collection? _background;
    private long _lastEnded;

    /// <param name="lastEnded">The number of the last collection that ended before the first event comes.</param>
    public GcLedger(long lastEnded = 0) => _lastEnded = lastEnded;

    public void Add(GcEvent e)
    {
        lock (_gate)
        {
            switch (e.Kind)
            {
                case GcEventKind.SuspendBegin when e.ForGc:
                    _pauseBegan = e.Ticks;
                    _startedInPause = null;
                    break;
                case GcEventKind.Start:
                    var collection = new Collection(e.Ticks, e.Index, e.Generation, e.Reason, e.Background);
                    _collections.Add(collection);
                    if (_pauseBegan >= 0)
                    {
                        _startedInPause = collection;
                    }

                    if (e.Background)
                    {
                        _background = collection;
                    }

                    break;
                case GcEventKind.End:
                    _lastEnded = Math.Max(_lastEnded, e.Index);
                    if (_background?.Index == e.Index)
                    {
                        _background = null;
                    }

                    break;
                case GcEventKind.RestartEnd when _pauseBegan >= 0:
                    _pauses.Add(new Pause(_pauseBegan, TimeSpan.FromTicks(e.Ticks - _pauseBegan).TotalMilliseconds, _startedInPause ?? _background));
                    _pauseBegan = -1;
                    break;
            }

            ReleaseWaiters();
        }
    }

    /// <summary>
    /// Completes once every collection up to number <paramref name="index"/> has ended and no
    /// pause is open: the runtime hands its events over a moment after writing them, and a
    /// window must not be summed before its last collection has arrived.
    /// </summary>
    public Task CaughtUpAsync(long index)
    {
        lock (_gate)
        {
            if (IsCaughtUp(index))
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((index, done));
            return done.Task;
        }
    }

    /// <summary>Collections that started, and pauses that began, from <paramref name="fromTicks"/> up to <paramref name="toTicks"/> (UTC ticks).</summary>
    public GcFigures Between(long fromTicks, long toTicks)
    {
        lock (_gate)
        {
            var counts = new int[3];
            foreach (var c in _collections.Where(c => c.Ticks >= fromTicks && c.Ticks < toTicks))
            {
                counts[Math.Clamp(c.Generation, 0, 2)]++;
            }

            var pauses = _pauses.Where(p => p.Ticks >= fromTicks && p.Ticks < toTicks).ToList();
            var longest = pauses.MaxBy(p => p.Ms);
            return new GcFigures(
                counts[0], counts[1], counts[2], pauses.Count, pauses.Sum(p => p.Ms), longest?.Ms ?? 0, longest is null ? "none" : Describe(longest.Collection));
        }
    }

    private static string Describe(Collection? c) =>
        c is null ? "not a collection" : $"gen{c.Generation} {GcReasons.Name(c.Reason)}{(c.Background ? " (background)" : "")}";

    private bool IsCaughtUp(long index) => _lastEnded >= index && _pauseBegan < 0;

    private void ReleaseWaiters()
    {
        for (var i = _waiters.Count - 1; i >= 0; i--)
        {
            if (IsCaughtUp(_waiters[i].Index))
            {
                _waiters[i].Done.TrySetResult();
                _waiters.RemoveAt(i);
            }
        }
    }

    private sealed record Collection(long Ticks, long Index, int Generation, int Reason, bool Background);

    private sealed record Pause(long Ticks, double Ms, Collection? Collection);
}
