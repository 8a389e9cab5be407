using System.Globalization;

namespace Chat.Tests.Bench;

/// <summary>
/// Every benchmark scenario once in quick mode, to prove it still runs end to end. No timing
/// is asserted: benchmarks print figures (docs/benchmarks.md), tests do not judge them.
/// </summary>
public sealed class BenchQuickTests
{
    [Theory]
    [InlineData("latency", new[] { "p50_ms", "p99_ms", "bare_p50_ms", "bare_p99_ms", "ratio_p99" })]
    [InlineData("connections", new[] { "held", "target", "kb_per_conn" })]
    [InlineData("throughput", new[] { "msgs_per_s", "ack_p99_ms" })]
    [InlineData("widget", new[] { "loader_gz", "frame_gz", "launcher_ms" })]
    [InlineData("storm", new[] { "conversations", "messages", "lost", "duplicated", "reordered" })]
    public async Task A_quick_run_completes_and_ends_with_its_summary_line(string scenario, string[] keys)
    {
        var (exitCode, output, errors) = await BenchProgram.RunAsync(scenario, "--quick");

        Assert.True(exitCode == 0, $"exit code {exitCode}{Environment.NewLine}{output}{Environment.NewLine}{errors}");
        var last = output.TrimEnd().Split('\n')[^1].Trim();
        var words = last.Split(' ');
        Assert.Equal(scenario, words[0]);
        Assert.Equal(keys, words[1..].Select(w => w.Split('=')[0]));
        Assert.All(words[1..], w => Assert.True(
            double.TryParse(w.Split('=')[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value),
            $"'{w}' in: {last}"));
    }

    [Theory]
    [InlineData("no-such-scenario")]
    [InlineData("latency", "--rate", "fast")]
    [InlineData("latency", "--no-such-option")]
    public async Task A_bad_command_line_gets_the_usage_and_a_non_zero_exit(params string[] args)
    {
        var (exitCode, output, errors) = await BenchProgram.RunAsync(args);

        Assert.Equal(2, exitCode);
        Assert.Contains("usage:", errors, StringComparison.Ordinal);
        Assert.Equal("", output);
    }
}
