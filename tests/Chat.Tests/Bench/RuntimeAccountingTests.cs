using Chat.Bench.Measure;

namespace Chat.Tests.Bench;

/// <summary>
/// The bench's runtime figures against this test process's own runtime: a collection forced
/// in a window and bytes allocated in it must come back as the figures. Alone, so other tests'
/// collections and allocations do not fall in the window.
/// </summary>
[Collection(RuntimeAccountingCollection.Name)]
public sealed class RuntimeAccountingTests
{
    [Fact]
    public async Task A_forced_full_collection_shows_as_a_gen2_with_its_pause()
    {
        using var recorder = new RuntimeRecorder();
        var window = recorder.Open();

        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var figures = await window.CloseAsync(CancellationToken.None);

        Assert.True(figures.Gc.Gen2 >= 1, $"{figures}");
        Assert.True(figures.Gc.Pauses >= 1 && figures.Gc.PauseMaxMs > 0, $"{figures}");
        Assert.Contains(figures.Gc.LongestPause, new[] { "gen2 Induced", "gen2 InducedCompacting" });
    }

    [Fact]
    public async Task Known_allocations_give_their_bytes_per_message()
    {
        const int messages = 200;
        const int bytesPerMessage = 256 * 1024;
        var kept = new byte[messages][];
        using var recorder = new RuntimeRecorder();
        var window = recorder.Open();

        for (var i = 0; i < messages; i++)
        {
            kept[i] = new byte[bytesPerMessage];
        }

        var figures = await window.CloseAsync(CancellationToken.None);
        GC.KeepAlive(kept);

        // Each array carries its object header and length; whatever else the process allocated meanwhile stays far below 5%.
        var perMessage = figures.AllocatedPerMessage(messages);
        Assert.InRange(perMessage, bytesPerMessage, bytesPerMessage * 1.05);
    }

    [Fact]
    public async Task A_window_without_collections_reports_none()
    {
        using var recorder = new RuntimeRecorder();
        var window = recorder.Open();

        var figures = await window.CloseAsync(CancellationToken.None);

        Assert.True(figures.Gc.Collections > 0 || figures.Gc == GcFigures.None, $"{figures}");
        Assert.False(string.IsNullOrEmpty(figures.GcSettings));
        Assert.True(double.IsNaN(figures.AllocatedPerMessage(0)));
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RuntimeAccountingCollection
{
    public const string Name = "runtime accounting";
}
