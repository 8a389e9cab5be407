using Chat.Bench.Measure;

namespace Chat.Tests.Bench;

/// <summary>
/// The bench's GC accounting on known event sequences: what the runtime would report for a
/// collection, a background collection and the pauses around them, and which fall in a window.
/// </summary>
public sealed class GcAccountingTests
{
    private static readonly long T0 = new DateTime(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc).Ticks;

    private static long At(double ms) => T0 + TimeSpan.FromMilliseconds(ms).Ticks;

    private static void Collection(GcLedger ledger, double atMs, double pauseMs, long index, int generation, int reason)
    {
        ledger.Add(new GcEvent(GcEventKind.SuspendBegin, At(atMs)));
        ledger.Add(new GcEvent(GcEventKind.Start, At(atMs + 0.1), index, generation, reason));
        ledger.Add(new GcEvent(GcEventKind.End, At(atMs + pauseMs - 0.1), index, generation));
        ledger.Add(new GcEvent(GcEventKind.RestartEnd, At(atMs + pauseMs)));
    }

    [Fact]
    public void Each_generation_is_counted_and_the_longest_pause_is_named_with_its_reason()
    {
        var ledger = new GcLedger();
        Collection(ledger, 100, 5, 1, 0, GcReasons.AllocSmall);
        Collection(ledger, 200, 60, 2, 1, GcReasons.AllocSmall);
        Collection(ledger, 300, 7, 3, 0, GcReasons.AllocSmall);
        Collection(ledger, 400, 25, 4, 2, GcReasons.AllocLarge);

        var figures = ledger.Between(At(0), At(1_000));

        Assert.Equal((2, 1, 1), (figures.Gen0, figures.Gen1, figures.Gen2));
        Assert.Equal(4, figures.Pauses);
        Assert.Equal(97, figures.PauseTotalMs, precision: 6);
        Assert.Equal(60, figures.PauseMaxMs, precision: 6);
        Assert.Equal("gen1 AllocSmall", figures.LongestPause);
    }

    [Fact]
    public void A_background_collection_owns_its_own_pauses_and_not_those_of_the_gen0_collections_inside_it()
    {
        var ledger = new GcLedger();
        // The background gen2 starts in a short pause, runs beside the program...
        ledger.Add(new GcEvent(GcEventKind.SuspendBegin, At(100)));
        ledger.Add(new GcEvent(GcEventKind.Start, At(101), 10, 2, GcReasons.AllocLarge, Background: true));
        ledger.Add(new GcEvent(GcEventKind.RestartEnd, At(103)));
        // ...lets a gen0 collection run in between...
        Collection(ledger, 150, 12, 11, 0, GcReasons.AllocSmall);
        // ...and pauses once more to finish, with no new collection starting in that pause.
        ledger.Add(new GcEvent(GcEventKind.SuspendBegin, At(300)));
        ledger.Add(new GcEvent(GcEventKind.RestartEnd, At(330)));
        ledger.Add(new GcEvent(GcEventKind.End, At(400), 10, 2));

        var figures = ledger.Between(At(0), At(1_000));

        Assert.Equal((1, 0, 1), (figures.Gen0, figures.Gen1, figures.Gen2));
        Assert.Equal(3, figures.Pauses);
        Assert.Equal(45, figures.PauseTotalMs, precision: 6);
        Assert.Equal(30, figures.PauseMaxMs, precision: 6);
        Assert.Equal("gen2 AllocLarge (background)", figures.LongestPause);
    }

    [Fact]
    public void Only_what_began_inside_the_window_counts()
    {
        var ledger = new GcLedger();
        Collection(ledger, 100, 90, 1, 2, GcReasons.Induced);
        Collection(ledger, 500, 8, 2, 0, GcReasons.AllocSmall);
        Collection(ledger, 900, 70, 3, 1, GcReasons.AllocSmall);

        var figures = ledger.Between(At(200), At(900));

        Assert.Equal((1, 0, 0), (figures.Gen0, figures.Gen1, figures.Gen2));
        Assert.Equal(8, figures.PauseMaxMs, precision: 6);
        Assert.Equal(GcFigures.None, new GcLedger().Between(At(0), At(1_000)));
    }

    [Fact]
    public void A_suspension_for_something_other_than_a_collection_is_not_a_gc_pause()
    {
        var ledger = new GcLedger();
        ledger.Add(new GcEvent(GcEventKind.SuspendBegin, At(100), ForGc: false));
        ledger.Add(new GcEvent(GcEventKind.RestartEnd, At(150)));

        Assert.Equal(0, ledger.Between(At(0), At(1_000)).Pauses);
    }

    [Fact]
    public async Task A_window_is_summed_only_once_its_last_collection_has_ended_and_its_pause_is_over()
    {
        var ledger = new GcLedger(lastEnded: 6);
        Assert.True(ledger.CaughtUpAsync(6).IsCompleted);

        var caughtUp = ledger.CaughtUpAsync(7);
        ledger.Add(new GcEvent(GcEventKind.SuspendBegin, At(100)));
        ledger.Add(new GcEvent(GcEventKind.Start, At(101), 7, 0, GcReasons.AllocSmall));
        ledger.Add(new GcEvent(GcEventKind.End, At(110), 7, 0));
        Assert.False(caughtUp.IsCompleted);

        ledger.Add(new GcEvent(GcEventKind.RestartEnd, At(111)));
        await caughtUp.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
