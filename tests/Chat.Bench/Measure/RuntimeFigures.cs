namespace Chat.Bench.Measure;

/// <summary>
/// What one process's runtime did over a measured window: its collections and pauses, how long
/// work waited for a thread-pool thread, and how much it allocated. Server processes send it to
/// the bench as one line of JSON.
/// </summary>
/// <param name="ThreadPoolDelayP99Ms">99th percentile of <see cref="ThreadPoolProbe"/>'s waits.</param>
/// <param name="AllocatedBytes">Bytes allocated by every thread of the process in the window.</param>
/// <param name="GcSettings">How the process's collector is set up, from <see cref="GcSettings.Describe"/>.</param>
public sealed record RuntimeFigures(GcFigures Gc, double ThreadPoolDelayP99Ms, int ThreadPoolSamples, long AllocatedBytes, string GcSettings)
{
    /// <summary>Bytes allocated per message handled in the window; NaN without messages.</summary>
    public double AllocatedPerMessage(long messages) => messages > 0 ? (double)AllocatedBytes / messages : double.NaN;
}
