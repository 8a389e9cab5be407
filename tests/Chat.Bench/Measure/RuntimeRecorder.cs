namespace Chat.Bench.Measure;

/// <summary>
/// One process's runtime figures over windows the bench opens and closes: the GC listener and
/// the thread-pool probe run for the process's life, each window reads what fell inside it.
/// The bench and each server process it starts have one each (<see cref="ThisProcess"/>).
/// </summary>
public sealed class RuntimeRecorder : IDisposable
{
    /// <summary>How long closing a window waits for the runtime to hand over its last GC events and for queued probes to run.</summary>
    public static readonly TimeSpan CatchUpTimeout = TimeSpan.FromSeconds(3);

    private static readonly Lazy<RuntimeRecorder> Shared = new(() => new RuntimeRecorder());

    private readonly GcListener _gc = new();
    private readonly ThreadPoolProbe _probe = new();

    /// <summary>This process's recorder, started on first use; touch it at start-up so it listens before the first window.</summary>
    public static RuntimeRecorder ThisProcess => Shared.Value;

    /// <summary>Opens a window now; opening another abandons this one. One window at a time per process.</summary>
    public RuntimeWindow Open()
    {
        _probe.Begin();
        return new RuntimeWindow(this, DateTime.UtcNow.Ticks, GC.GetTotalAllocatedBytes(precise: true));
    }

    internal async Task<RuntimeFigures> CloseAsync(RuntimeWindow window, CancellationToken ct)
    {
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - window.AllocatedAtStart;
        var endTicks = DateTime.UtcNow.Ticks;
        var lastCollection = GC.GetGCMemoryInfo(GCKind.Any).Index;
        var probes = _probe.EndAsync(CatchUpTimeout, ct);
        // Without every event up to the end, a pause at the very end would be missed; after the timeout, what has come is reported.
        await _gc.Ledger.CaughtUpAsync(lastCollection).WaitAsync(CatchUpTimeout, ct).ContinueWith(_ => { }, TaskScheduler.Default);
        var delays = (await probes).Stats();
        return new RuntimeFigures(_gc.Ledger.Between(window.StartTicks, endTicks), delays.Count == 0 ? 0 : delays.P99, delays.Count, allocated, GcSettings.Describe());
    }

    public void Dispose()
    {
        _probe.Dispose();
        _gc.Dispose();
    }
}
