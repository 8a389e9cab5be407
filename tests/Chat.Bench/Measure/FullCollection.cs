using System.Runtime;

namespace Chat.Bench.Measure;

/// <summary>A full, blocking, compacting collection, large objects included, with finalizers run and their garbage collected too.</summary>
public static class FullCollection
{
    /// <summary>Returns the managed heap's size afterwards.</summary>
    public static long Run()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: false);
    }
}
