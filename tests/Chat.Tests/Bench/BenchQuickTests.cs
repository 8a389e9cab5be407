using System.Globalization;

namespace Chat.Tests.Bench;

/// <summary>
/// Every benchmark scenario once in quick mode, to prove it still runs end to end. No timing
/// is asserted: benchmarks print figures (docs/benchmarks.md), tests do not judge them.
/// </summary>
public sealed class BenchQuickTests
{
    private static readonly string[] LatencyKeys =
    [
        "p50_ms", "p99_ms", "bare_p50_ms", "bare_p99_ms", "ratio_p99",
        "server_gc_max_ms", "server_tp_p99_ms", "server_alloc_per_msg", "client_gc_max_ms",
        "bare_gc_max_ms", "bare_tp_p99_ms", "bare_alloc_per_msg", "bare_client_gc_max_ms",
    ];

    public static TheoryData<string, string[]> Scenarios => new()
    {
        { "latency", LatencyKeys },
        { "latency --burst", LatencyKeys },
        // Two server nodes over Redis and PostgreSQL; the summary keeps its keys and says how many nodes.
        { "latency --nodes 2", [.. LatencyKeys, "nodes"] },
        // Three nodes over a Redis Cluster of three primaries with replicas.
        { "latency --nodes 3 --redis cluster", [.. LatencyKeys, "nodes", "redis_cluster"] },
        { "connections", ["held", "target", "kb_per_conn"] },
        { "throughput", ["msgs_per_s", "ack_p99_ms", "server_gc_max_ms", "server_alloc_per_msg", "client_gc_max_ms"] },
        { "throughput --db postgres", ["msgs_per_s", "ack_p99_ms", "server_gc_max_ms", "server_alloc_per_msg", "client_gc_max_ms"] },
        { "widget", ["loader_gz", "frame_gz", "launcher_ms"] },
        { "storm", ["conversations", "messages", "lost", "duplicated", "reordered"] },
        { "history", ["sqlite_worst_p95_ms", "postgres_worst_p95_ms"] },
    };

    /// <param name="command">The scenario and any options beyond --quick.</param>
    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task A_quick_run_completes_and_ends_with_its_summary_line(string command, string[] keys)
    {
        var args = command.Split(' ');
        var (exitCode, output, errors) = await BenchProgram.RunAsync([.. args, "--quick"]);

        Assert.True(exitCode == 0, $"exit code {exitCode}{Environment.NewLine}{output}{Environment.NewLine}{errors}");
        var last = output.TrimEnd().Split('\n')[^1].Trim();
        var words = last.Split(' ');
        Assert.Equal(args[0], words[0]);
        Assert.Equal(keys, words[1..].Select(w => w.Split('=')[0]));
        Assert.All(words[1..], w => Assert.True(
            double.TryParse(w.Split('=')[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value),
            $"'{w}' in: {last}"));
    }

    [Theory]
    [InlineData("no-such-scenario")]
    [InlineData("latency", "--rate", "fast")]
    [InlineData("latency", "--no-such-option")]
    [InlineData("latency", "--nodes", "4")]
    [InlineData("latency", "--redis", "cluster")]
    public async Task A_bad_command_line_gets_the_usage_and_a_non_zero_exit(params string[] args)
    {
        var (exitCode, output, errors) = await BenchProgram.RunAsync(args);

        Assert.Equal(2, exitCode);
        Assert.Contains("usage:", errors, StringComparison.Ordinal);
        Assert.Equal("", output);
    }
}
