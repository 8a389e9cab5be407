using Chat.Bench.Measure;

namespace Chat.Tests.Bench;

/// <summary>
/// How the figures of two server nodes become the server's figures in the summary line: what a
/// message cost on all nodes together, and the worst any one node stood still.
/// </summary>
public sealed class NodeFiguresTests
{
    private static RuntimeFigures Node(GcFigures gc, double threadPoolP99Ms, long allocated, string settings = "server GC") =>
        new(gc, threadPoolP99Ms, ThreadPoolSamples: 100, allocated, settings);

    [Fact]
    public void One_node_reads_as_it_is()
    {
        var only = Node(new GcFigures(3, 1, 0, 4, 12, 7, "gen1 AllocSmall"), 2.5, 1_000);

        Assert.Same(only, NodeFigures.Combine([only]));
    }

    [Fact]
    public void Collections_pauses_and_allocations_add_up_across_nodes()
    {
        var first = Node(new GcFigures(3, 1, 0, 4, 12, 7, "gen1 AllocSmall"), 2.5, 6_000);
        var second = Node(new GcFigures(5, 0, 1, 6, 40, 30, "gen2 AllocLarge"), 1.0, 4_000);

        var both = NodeFigures.Combine([first, second]);

        Assert.Equal((8, 1, 1), (both.Gc.Gen0, both.Gc.Gen1, both.Gc.Gen2));
        Assert.Equal(10, both.Gc.Pauses);
        Assert.Equal(52, both.Gc.PauseTotalMs, precision: 6);
        Assert.Equal(200, both.ThreadPoolSamples);
        Assert.Equal(10_000, both.AllocatedBytes);
        // A message crossing nodes costs on each: per message, the nodes' shares add up.
        Assert.Equal(first.AllocatedPerMessage(100) + second.AllocatedPerMessage(100), both.AllocatedPerMessage(100), precision: 6);
    }

    [Fact]
    public void The_longest_pause_and_the_thread_pool_delay_are_the_worst_nodes_and_name_it()
    {
        var first = Node(new GcFigures(3, 1, 0, 4, 12, 7, "gen1 AllocSmall"), 9.5, 0);
        var second = Node(new GcFigures(5, 0, 1, 6, 40, 30, "gen2 AllocLarge"), 1.0, 0);

        var both = NodeFigures.Combine([first, second]);

        Assert.Equal(30, both.Gc.PauseMaxMs, precision: 6);
        Assert.Equal("node 2: gen2 AllocLarge", both.Gc.LongestPause);
        Assert.Equal(9.5, both.ThreadPoolDelayP99Ms, precision: 6);
    }

    [Fact]
    public void Nodes_without_a_pause_combine_to_none()
    {
        var quiet = Node(GcFigures.None, 0, 500);

        var both = NodeFigures.Combine([quiet, quiet with { AllocatedBytes = 700 }]);

        Assert.Equal(GcFigures.None, both.Gc);
        Assert.Equal(1_200, both.AllocatedBytes);
    }

    [Fact]
    public void Equal_collector_settings_are_named_once_and_different_ones_each()
    {
        var a = Node(GcFigures.None, 0, 0, "server GC, 2 heaps");
        var b = Node(GcFigures.None, 0, 0, "workstation GC");

        Assert.Equal("server GC, 2 heaps", NodeFigures.Combine([a, a]).GcSettings);
        Assert.Equal("server GC, 2 heaps; workstation GC", NodeFigures.Combine([a, b]).GcSettings);
    }

    [Fact]
    public void No_nodes_is_a_mistake_of_the_caller()
    {
        Assert.Throws<ArgumentException>(() => NodeFigures.Combine([]));
    }
}
