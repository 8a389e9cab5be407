using System.Diagnostics.Tracing;
using System.Globalization;

namespace Chat.Bench.Measure;

/// <summary>
/// Listens, inside the process, to the runtime's own GC events (provider
/// "Microsoft-Windows-DotNETRuntime", keyword GC, informational level: no allocation ticks)
/// and hands the four the accounting needs to a <see cref="GcLedger"/>.
/// </summary>
public sealed class GcListener : EventListener
{
    private const string RuntimeProvider = "Microsoft-Windows-DotNETRuntime";
    private const EventKeywords GcKeyword = (EventKeywords)0x1;

    // Event ids of the runtime's manifest: GCStart_V2, GCEnd_V1, GCRestartEEEnd_V1, GCSuspendEEBegin_V1.
    private const int GcStart = 1;
    private const int GcEnd = 2;
    private const int GcRestartEeEnd = 3;
    private const int GcSuspendEeBegin = 9;

    // GCStart's Type: 1 is a background collection. GCSuspendEEBegin's Reason: 1 for a GC, 6 to prepare a background GC.
    private const long BackgroundType = 1;
    private const long SuspendForGc = 1;
    private const long SuspendForGcPrep = 6;

    // A field initializer runs before the base constructor, which may already enable the runtime's
    // source and so deliver events: the ledger must exist by then.
    private readonly GcLedger _ledger = new(GC.GetGCMemoryInfo(GCKind.Any).Index);

    public GcLedger Ledger => _ledger;

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == RuntimeProvider)
        {
            EnableEvents(eventSource, EventLevel.Informational, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        var ticks = e.TimeStamp.ToUniversalTime().Ticks;
        switch (e.EventId)
        {
            case GcSuspendEeBegin:
                var why = Number(e, "Reason");
                _ledger.Add(new GcEvent(GcEventKind.SuspendBegin, ticks, ForGc: why is SuspendForGc or SuspendForGcPrep));
                break;
            case GcStart:
                _ledger.Add(new GcEvent(GcEventKind.Start, ticks, Number(e, "Count"), (int)Number(e, "Depth"), (int)Number(e, "Reason"),
                    Background: Number(e, "Type") == BackgroundType));
                break;
            case GcEnd:
                _ledger.Add(new GcEvent(GcEventKind.End, ticks, Number(e, "Count"), (int)Number(e, "Depth")));
                break;
            case GcRestartEeEnd:
                _ledger.Add(new GcEvent(GcEventKind.RestartEnd, ticks));
                break;
        }
    }

    private static long Number(EventWrittenEventArgs e, string name)
    {
        var at = e.PayloadNames?.IndexOf(name) ?? -1;
        return at >= 0 && e.Payload?[at] is { } value ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : 0;
    }
}
