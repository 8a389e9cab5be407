using System.Runtime;

namespace Chat.Bench.Measure;

/// <summary>
/// Keeps the load client's own collections out of a fixed-rate window: before sending, the
/// client asks the runtime for a no-GC region big enough for everything it will allocate until
/// the last messages arrive. The runtime commits that much memory up front (pages are touched
/// only as they are used) and collects nothing until it runs out; then it collects as usual,
/// and the report says so, since the window's GC figures show the collection.
/// </summary>
public sealed class NoGcWindow
{
    /// <summary>What the load client allocates per message, sending or receiving, with room to spare (measured: 8–10 KB).</summary>
    public const long ClientBytesPerMessage = 16 * 1024;

    /// <summary>More than this is not asked for: the machine is shared.</summary>
    public const long MaxBytes = 4L * 1024 * 1024 * 1024;

    private NoGcWindow(long bytes, bool started)
    {
        Bytes = bytes;
        Started = started;
    }

    public long Bytes { get; }

    public bool Started { get; }

    /// <summary>Enters a no-GC region for <paramref name="messages"/> messages' allocations, if the size is reasonable and the runtime agrees.</summary>
    public static NoGcWindow Start(long messages)
    {
        var bytes = messages * ClientBytesPerMessage;
        if (bytes > MaxBytes)
        {
            return new NoGcWindow(bytes, started: false);
        }

        try
        {
            return new NoGcWindow(bytes, GC.TryStartNoGCRegion(bytes));
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or InvalidOperationException)
        {
            return new NoGcWindow(bytes, started: false);
        }
    }

    /// <summary>Leaves the region; true when it held to the end, with no collection.</summary>
    public bool End()
    {
        if (!Started || GCSettings.LatencyMode != GCLatencyMode.NoGCRegion)
        {
            return false;
        }

        try
        {
            GC.EndNoGCRegion();
            return true;
        }
        catch (InvalidOperationException)
        {
            // The region ended by itself: allocations outgrew it and the runtime collected.
            return false;
        }
    }
}
