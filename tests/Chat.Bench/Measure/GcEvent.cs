namespace Chat.Bench.Measure;

/// <summary>The four runtime GC events the accounting needs, in the order the runtime wrote them.</summary>
public enum GcEventKind
{
    /// <summary>GCSuspendEEBegin: the runtime starts stopping managed threads; a pause begins.</summary>
    SuspendBegin,

    /// <summary>GCStart: a collection of <see cref="GcEvent.Generation"/> begins, for <see cref="GcEvent.Reason"/>.</summary>
    Start,

    /// <summary>GCEnd: the collection numbered <see cref="GcEvent.Index"/> is done.</summary>
    End,

    /// <summary>GCRestartEEEnd: managed threads run again; the pause is over.</summary>
    RestartEnd,
}

/// <param name="Ticks">When it happened, in <see cref="DateTime.UtcNow"/> ticks.</param>
/// <param name="Index">The collection's number (GCStart and GCEnd), as <see cref="GCMemoryInfo.Index"/> counts them.</param>
/// <param name="Generation">The generation collected (GCStart), 0 to 2.</param>
/// <param name="Reason">Why (GCStart): the runtime's gc_reason, named by <see cref="GcReasons"/>.</param>
/// <param name="Background">A background (concurrent) gen2 collection (GCStart).</param>
/// <param name="ForGc">The suspension is for a collection (SuspendBegin); the runtime also suspends for the debugger and others.</param>
public readonly record struct GcEvent(
    GcEventKind Kind, long Ticks, long Index = 0, int Generation = 0, int Reason = 0, bool Background = false, bool ForGc = true);
