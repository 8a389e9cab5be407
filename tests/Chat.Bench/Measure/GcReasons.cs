namespace Chat.Bench.Measure;

/// <summary>The runtime's reasons for a collection (gc_reason in the GC's source), under the names its event manifest gives them.</summary>
public static class GcReasons
{
    private static readonly string[] Names =
    [
        "AllocSmall", "Induced", "LowMemory", "Empty", "AllocLarge", "OutOfSpaceSOH", "OutOfSpaceLOH", "InducedNotForced",
        "Internal", "InducedLowMemory", "InducedCompacting", "LowMemoryHost", "PMFullGC", "LowMemoryHostBlocking",
        "BGCTuningSOH", "BGCTuningLOH", "BGCStepping", "InducedAggressive",
    ];

    public const int AllocSmall = 0;
    public const int Induced = 1;
    public const int AllocLarge = 4;

    public static string Name(int reason) => reason >= 0 && reason < Names.Length ? Names[reason] : $"reason {reason}";
}
