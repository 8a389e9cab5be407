using Chat.Bench.Cli;
using Chat.Bench.Measure;
using Chat.Bench.Scenarios;

namespace Chat.Bench;

/// <summary>Picks the scenario, parses its options, runs it within a time limit and prints its summary line last.</summary>
public static class BenchRunner
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadUsage = 2;

    /// <summary>A safety net: every scenario stops by itself well before this.</summary>
    private static readonly TimeSpan QuickLimit = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan FullLimit = TimeSpan.FromMinutes(30);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors, CancellationToken ct)
    {
        if (args is [] or ["help" or "--help" or "-h"])
        {
            Usage.Print(args is [] ? errors : output);
            return args is [] ? BadUsage : Ok;
        }

        var scenario = ScenarioCatalog.Find(args[0]);
        if (scenario is null)
        {
            errors.WriteLine($"Unknown scenario '{args[0]}'.");
            Usage.Print(errors);
            return BadUsage;
        }

        ScenarioOptions options;
        try
        {
            options = ScenarioOptions.Parse(scenario.Options, args[1..]);
            scenario.Check(options);
        }
        catch (UsageException e)
        {
            errors.WriteLine(e.Message);
            Usage.PrintScenario(errors, scenario);
            return BadUsage;
        }

        if (options.Help)
        {
            Usage.PrintScenario(output, scenario);
            return Ok;
        }

        // The load client's GC listener and thread-pool probe run from here on, before any window opens.
        _ = RuntimeRecorder.ThisProcess;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(options.Quick ? QuickLimit : FullLimit);
        try
        {
            output.WriteLine($"{scenario.Name}: {scenario.Description}");
            output.WriteLine($"options: {options.Describe()}");
            var summary = await scenario.RunAsync(options, output, limit.Token);
            output.WriteLine(summary.ToString());
            return Ok;
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            errors.WriteLine(ct.IsCancellationRequested ? "Interrupted." : $"Stopped: {scenario.Name} ran past its time limit.");
            return Failed;
        }
        catch (BenchFailedException e)
        {
            errors.WriteLine($"{scenario.Name} failed: {e.Message}");
            return Failed;
        }
        catch (Exception e)
        {
            // Anything unforeseen still ends the run with a reason and a failing exit code, never a hang.
            errors.WriteLine($"{scenario.Name} failed: {e}");
            return Failed;
        }
    }
}
