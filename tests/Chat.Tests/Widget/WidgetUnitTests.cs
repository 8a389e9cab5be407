using Chat.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Chat.Tests.Widget;

/// <summary>
/// The widget's own logic (message store, outbox, command queue, message guard…) is tested
/// with Node's test runner; each file runs here so one command runs every test.
/// </summary>
public sealed class WidgetUnitTests(ITestOutputHelper output)
{
    public static TheoryData<string> TestFiles() =>
        [.. Directory.GetFiles(Path.Combine(RepoPaths.Widget, "test"), "*.test.ts").Select(f => Path.GetFileName(f)).Order()];

    [Theory]
    [MemberData(nameof(TestFiles))]
    public async Task Node_tests_pass(string file)
    {
        var (exitCode, text) = await Node.RunAsync("test/run.mjs", file);
        output.WriteLine(text);
        Assert.True(exitCode == 0, $"{file} failed:\n{text}");
        Assert.Contains("# fail 0", text);
    }

    [Fact]
    public async Task The_built_widget_stays_within_its_size_budgets()
    {
        // The server's build has just built widget/dist; this reads those files.
        var (exitCode, text) = await Node.RunAsync("size.mjs");
        output.WriteLine(text);
        Assert.True(exitCode == 0, $"Over budget (loader 3 KB, frame 30 KB gzipped):\n{text}");
        Assert.Contains("loader", text);
        Assert.Contains("frame", text);
    }
}
