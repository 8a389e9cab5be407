using Chat.Bench;
using Chat.Bench.Measure;
using Chat.Bench.Report;

namespace Chat.Tests.Bench;

/// <summary>The bench's percentiles (nearest rank over every sample) and its summary line.</summary>
public sealed class PercentileTests
{
    [Fact]
    public void Percentiles_are_the_nearest_rank_of_all_samples()
    {
        var latencies = new Latencies();
        // 1 … 1000 in a shuffled order: the order samples arrive in must not matter.
        foreach (var ms in Enumerable.Range(1, 1_000).OrderBy(i => (i * 7919) % 1_000))
        {
            latencies.Add(ms);
        }

        var stats = latencies.Stats();

        Assert.Equal(new LatencyStats(1_000, 500, 900, 990, 1_000), stats);
    }

    [Fact]
    public void A_few_samples_give_their_own_values_and_none_give_not_a_number()
    {
        var three = new Latencies();
        foreach (var ms in new[] { 30.0, 10, 20 })
        {
            three.Add(ms);
        }

        Assert.Equal(new LatencyStats(3, 20, 30, 30, 30), three.Stats());
        var none = new Latencies().Stats();
        Assert.Equal(0, none.Count);
        Assert.True(double.IsNaN(none.P99) && double.IsNaN(none.Max));
    }

    [Fact]
    public void Combined_recorders_are_percentiles_over_all_their_samples()
    {
        var fast = new Latencies();
        var slow = new Latencies();
        for (var i = 0; i < 98; i++)
        {
            fast.Add(1);
        }

        slow.Add(100);
        slow.Add(200);

        var both = Latencies.Combine(fast, slow).Stats();

        Assert.Equal((100, 1.0, 100.0, 200.0), (both.Count, both.P50, both.P99, both.Max));
    }

    [Fact]
    public void The_summary_line_is_the_scenario_then_each_figure_with_its_decimals()
    {
        var line = new Summary("latency").Add("p99_ms", 12.345).Add("server_alloc_per_msg", 10_638.4, 0).Add("held", 15_000L).ToString();

        Assert.Equal("latency p99_ms=12.35 server_alloc_per_msg=10638 held=15000", line);
    }

    [Fact]
    public void A_figure_that_could_not_be_measured_stops_the_bench_instead_of_printing_NaN()
    {
        var e = Assert.Throws<BenchFailedException>(() => new Summary("latency").Add("server_alloc_per_msg", double.NaN));

        Assert.Contains("server_alloc_per_msg", e.Message, StringComparison.Ordinal);
    }
}
