using Chat.Bench.Cli;
using Chat.Bench.Report;

namespace Chat.Bench.Scenarios;

/// <summary>
/// One benchmark. A new scenario is one class implementing this interface; the catalog finds
/// it. It prints its table to <c>output</c> and returns the summary the runner prints last.
/// </summary>
public interface IScenario
{
    /// <summary>The word on the command line, and the first word of the summary line.</summary>
    string Name { get; }

    string Description { get; }

    IReadOnlyList<OptionSpec> Options { get; }

    /// <summary>Refuses options that parse but do not go together, with a <see cref="UsageException"/>, before anything starts.</summary>
    void Check(ScenarioOptions options)
    {
    }

    Task<Summary> RunAsync(ScenarioOptions options, TextWriter output, CancellationToken ct);
}
