using Chat.Bench.Cli;
using Chat.Bench.Hosting;
using Chat.Bench.Load;
using Chat.Bench.Measure;
using Chat.Bench.Report;
using Chat.Bench.Targets;

namespace Chat.Bench.Scenarios;

/// <summary>
/// The highest rate of committed messages: more and more conversations each sending as soon
/// as its last message is acknowledged (and so committed), until the rate stops growing.
/// The same steps against the bare relay show the ceiling of the transport alone.
/// </summary>
public sealed class ThroughputScenario : IScenario
{
    /// <summary>A step adding less than this over the best rate so far counts as no gain.</summary>
    private const double Gain = 1.05;

    public string Name => "throughput";

    public string Description => "highest committed-message rate and its acknowledgement latency, on the chosen database";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        OptionSpec.IntegerList("steps", [1, 4, 16, 64, 256], [1, 4, 16], "conversations sending at once, one step each; stops after two steps without gain"),
        OptionSpec.Integer("step-seconds", 8, 2, "seconds measured per step"),
        OptionSpec.Integer("warmup", 2, 1, "seconds per step before measuring"),
        OptionSpec.Integer("length", 64, 64, "characters per message"),
        OptionSpec.Choice("db", BenchDatabases.Names, "the database under the chat server"),
    ];

    public async Task<Summary> RunAsync(ScenarioOptions options, TextWriter output, CancellationToken ct)
    {
        var steps = options.IntegerList("steps").Order().Distinct().ToArray();
        var plan = new Plan(steps, TimeSpan.FromSeconds(options.Integer("warmup")), TimeSpan.FromSeconds(options.Integer("step-seconds")), options.Integer("length"));
        using var sources = new SourceAddresses(1);

        List<ClosedLoopResult> chat;
        long stored;
        string database;
        await using (var target = await ChatTarget.StartAsync(sources, options.Choice("db"), ct))
        {
            database = target.Database.Description;
            chat = await MeasureAsync(target, plan, output, ct);
            stored = await target.CountMessagesAsync(ct);
        }

        List<ClosedLoopResult> relay;
        await using (var target = await RelayTarget.StartAsync(sources, ct))
        {
            relay = await MeasureAsync(target, plan, output, ct);
        }

        output.WriteLine();
        output.WriteLine($"database: {database}; each step {plan.Duration.TotalSeconds} s after {plan.Warmup.TotalSeconds} s of warm-up; ack = from Send to its completion (after the commit)");
        Print(output, "chat server", chat);
        Print(output, "bare relay", relay);

        var best = chat.MaxBy(r => r.Rate)!;
        var bestRelay = relay.MaxBy(r => r.Rate)!;
        var acked = chat.Sum(r => r.AckedTotal);
        output.WriteLine($"best: {Format.Rate(best.Rate)} committed messages/s with {best.Concurrency} sending at once, ack p99 {Format.Ms(best.Acks.Stats().P99)} ms; " +
            $"the bare relay peaked at {Format.Rate(bestRelay.Rate)}/s ({Format.Percent(best.Rate / bestRelay.Rate)} of it)");
        output.WriteLine(stored >= acked
            ? $"stored: {Format.Count(stored)} messages in the database for {Format.Count(acked)} acknowledged: every acknowledged message is committed"
            : $"STORED ONLY {Format.Count(stored)} messages for {Format.Count(acked)} acknowledged");
        if (stored < acked)
        {
            throw new BenchFailedException("Acknowledged messages are missing from the database.");
        }

        return new Summary(Name)
            .Add("msgs_per_s", best.Rate, 0)
            .Add("ack_p99_ms", best.Acks.Stats().P99)
            .Add("server_gc_max_ms", best.Window.Server.Gc.PauseMaxMs)
            .Add("server_alloc_per_msg", best.Window.Server.AllocatedPerMessage(best.Acks.Count), 0)
            .Add("client_gc_max_ms", best.Window.Client.Gc.PauseMaxMs);
    }

    private static async Task<List<ClosedLoopResult>> MeasureAsync(ITarget target, Plan plan, TextWriter output, CancellationToken ct)
    {
        var pairs = await target.OpenPairsAsync(plan.Steps[^1], onDelivery: null, ct);
        await Settle.RunAsync(target.Servers, pairs, ct);
        var results = new List<ClosedLoopResult>();
        var withoutGain = 0;
        foreach (var concurrency in plan.Steps)
        {
            var bestSoFar = results.Count == 0 ? 0 : results.Max(r => r.Rate);
            var result = await ClosedLoop.RunAsync(pairs, concurrency, plan.Warmup, plan.Duration, plan.Length, target.Server, ct);
            results.Add(result);
            output.WriteLine($"{target.Name}: {concurrency} sending, {Format.Rate(result.Rate)} messages/s");
            withoutGain = result.Rate < bestSoFar * Gain ? withoutGain + 1 : 0;
            if (withoutGain == 2)
            {
                break;
            }
        }

        return results;
    }

    private static void Print(TextWriter output, string name, List<ClosedLoopResult> results)
    {
        var table = new Table(name, "msgs/s", "ack p50 ms", "ack p99 ms", "failed", "server CPU", "client CPU", "others", "saturated");
        foreach (var r in results)
        {
            var acks = r.Acks.Stats();
            table.Row($"{r.Concurrency} sending", Format.Rate(r.Rate), Format.Ms(acks.P50), Format.Ms(acks.P99), Format.Count(r.Failures.Count),
                Format.Cores(r.Cpu.ServerCores), Format.Cores(r.Cpu.ClientCores), r.Cpu.OtherCores is { } o ? Format.Cores(o) : "-",
                LoadVerdict.Of(r.Cpu, clientFellBehind: false));
        }

        table.Print(output);
        foreach (var r in results.Where(r => r.Failures.First is not null))
        {
            output.WriteLine($"{name}, {r.Concurrency} sending: first failure: {r.Failures.First}");
        }

        // The same steps, one column each: what each process's runtime did meanwhile; per message = per acknowledged message.
        var runtime = new Table([$"{name}, runtime", .. results.Select(r => $"{r.Concurrency} sending")]);
        foreach (var (process, side) in new[] { ("server", (Func<ClosedLoopResult, RuntimeFigures>)(r => r.Window.Server)), ("load client", r => r.Window.Client) })
        {
            foreach (var (label, cell) in RuntimeRows.All)
            {
                runtime.Row([$"{process} {label}", .. results.Select(r => cell(side(r), r.Acks.Count))]);
            }
        }

        runtime.Print(output);
        output.WriteLine($"GC: {name} {results[0].Window.Server.GcSettings}; load client {results[0].Window.Client.GcSettings}");
        foreach (var r in results)
        {
            if (RuntimeRows.ClientOverlap($"{name}, {r.Concurrency} sending", r.Window.Client) is { } overlap)
            {
                output.WriteLine(overlap);
            }
        }
    }

    private sealed record Plan(int[] Steps, TimeSpan Warmup, TimeSpan Duration, int Length);
}
