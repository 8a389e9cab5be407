namespace Chat.Bench.Measure;

/// <summary>An open measuring window of one process; <see cref="CloseAsync"/> sums it up.</summary>
public sealed class RuntimeWindow
{
    private readonly RuntimeRecorder _recorder;

    internal RuntimeWindow(RuntimeRecorder recorder, long startTicks, long allocatedAtStart)
    {
        _recorder = recorder;
        StartTicks = startTicks;
        AllocatedAtStart = allocatedAtStart;
    }

    public long StartTicks { get; }

    public long AllocatedAtStart { get; }

    public Task<RuntimeFigures> CloseAsync(CancellationToken ct) => _recorder.CloseAsync(this, ct);
}
