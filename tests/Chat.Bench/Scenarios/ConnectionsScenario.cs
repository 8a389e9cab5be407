using System.Collections.Concurrent;
using System.Diagnostics;
using Chat.Bench.Cli;
using Chat.Bench.Load;
using Chat.Bench.Measure;
using Chat.Bench.Report;
using Chat.Bench.Targets;
using Chat.Tests.Infrastructure;

namespace Chat.Bench.Scenarios;

/// <summary>
/// Idle visitor connections up to a target, held past the server's client timeout with the
/// browser's keep-alive pings: how fast they open and what each costs the server in memory,
/// beside the bare relay holding as many.
/// </summary>
public sealed class ConnectionsScenario : IScenario
{
    /// <summary>Ephemeral ports per source address toward one server port (32768-60999 here), with some room to spare.</summary>
    private const int PortsPerSource = 25_000;

    /// <summary>Open files a process needs beyond its sockets: the runtime, logs, the database.</summary>
    private const int OtherFiles = 500;

    /// <summary>Connections opened and closed before measuring, so first-use costs land in the baseline.</summary>
    private const int Warmup = 20;

    public string Name => "connections";

    public string Description => "idle visitor connections up to a target: server memory per connection and connect rate";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        OptionSpec.Integer("target", 15_000, 300, "idle visitor connections to open"),
        OptionSpec.Integer("parallel", 64, 16, "connections being opened at once"),
        OptionSpec.Integer("hold", 35, 3, "seconds to hold them idle before counting (the server drops a client silent for 30 s)"),
        OptionSpec.Integer("sources", 4, 2, "loopback source addresses for the client's sockets"),
    ];

    public async Task<Summary> RunAsync(ScenarioOptions options, TextWriter output, CancellationToken ct)
    {
        var target = options.Integer("target");
        var sourceCount = options.Integer("sources");
        CheckLimits(target, sourceCount);
        using var sources = new SourceAddresses(sourceCount);
        var plan = new Plan(target, options.Integer("parallel"), TimeSpan.FromSeconds(options.Integer("hold")));

        var chat = await MeasureAsync(await ChatTarget.StartAsync(sources, "sqlite", ct), plan, output, ct);
        var relay = await MeasureAsync(await RelayTarget.StartAsync(sources, ct), plan, output, ct);

        output.WriteLine();
        output.WriteLine($"{Format.Count(target)} idle visitor connections from {sourceCount} loopback addresses, {plan.Parallel} opening at once, held {plan.Hold.TotalSeconds} s with keep-alive pings");
        var table = new Table("", chat.Name, relay.Name);
        void Row(string label, Func<Measured, string> cell) => table.Row(label, cell(chat), cell(relay));
        Row("connections opened", m => Format.Count(m.Opened));
        Row("failed to open", m => Format.Count(m.Failures.Count));
        Row("still open after the hold", m => Format.Count(m.Held));
        Row("connect rate (per s)", m => Format.Rate(m.Opened / m.ConnectTime.TotalSeconds));
        Row("connect time p50 / p99 (ms)", m => $"{Format.Ms(m.ConnectLatency.P50)} / {Format.Ms(m.ConnectLatency.P99)}");
        Row("server working set before", m => Format.Bytes(m.WorkingSetBefore));
        Row("server working set after", m => Format.Bytes(m.WorkingSetAfter));
        Row("working set per connection", m => $"{Kb(m.WorkingSetPerConnection)} KB");
        Row("managed heap per connection", m => $"{Kb(m.HeapPerConnection)} KB");
        Row("server CPU while connecting", m => Format.Cores(m.Cpu.ServerCores));
        Row("client CPU while connecting", m => Format.Cores(m.Cpu.ClientCores));
        Row("other processes (cores)", m => m.Cpu.OtherCores is { } o ? Format.Cores(o) : "-");
        Row("saturated while connecting", m => LoadVerdict.Of(m.Cpu, clientFellBehind: false));
        table.Print(output);
        foreach (var m in new[] { chat, relay }.Where(m => m.Failures.First is not null))
        {
            output.WriteLine($"{m.Name}: first failure: {m.Failures.First}");
        }

        output.WriteLine("Memory is read from the server process after a full compacting GC, before and after; the difference is shared by the connections still open.");
        if (chat.Held == 0)
        {
            throw new BenchFailedException("No connection to the chat server stayed open.");
        }

        return new Summary(Name).Add("held", chat.Held).Add("target", target).Add("kb_per_conn", chat.WorkingSetPerConnection / 1024.0, 1);
    }

    private static string Kb(double bytes) => (bytes / 1024.0).ToString("F1", System.Globalization.CultureInfo.InvariantCulture);

    private static void CheckLimits(int target, int sources)
    {
        if (OpenFilesLimit.Read() is { } limit && target + OtherFiles > limit)
        {
            throw new BenchFailedException(
                $"{target:N0} connections need {target + OtherFiles:N0} open files in each of the client and the server, but the limit here is {limit:N0} per process.");
        }

        if ((double)target / sources > PortsPerSource)
        {
            throw new BenchFailedException($"{target:N0} connections need at least {Math.Ceiling((double)target / PortsPerSource)} source addresses (--sources).");
        }
    }

    private static async Task<Measured> MeasureAsync(ITarget server, Plan plan, TextWriter output, CancellationToken ct)
    {
        var clients = new ConcurrentBag<RawHubClient>();
        await using (server)
        {
            try
            {
                await server.PrepareVisitorsAsync(plan.Target + Warmup, ct);
                for (var i = 0; i < Warmup; i++)
                {
                    await using var warm = await server.ConnectVisitorAsync(plan.Target + i, ct);
                }

                var heapBefore = await server.Server.CollectGarbageAsync(ct);
                var before = server.Server.WorkingSet;
                var (latencies, failures, connectTime, cpu) = await OpenAsync(server, plan, clients, ct);
                output.WriteLine($"{server.Name}: {Format.Count(clients.Count)} connections open in {Format.Seconds(connectTime)}; holding {plan.Hold.TotalSeconds} s");
                await Task.Delay(plan.Hold, ct);
                var held = clients.Count(c => c.IsOpen);
                var heapAfter = await server.Server.CollectGarbageAsync(ct);
                var after = server.Server.WorkingSet;
                return new Measured(server.Name, clients.Count, held, failures, latencies.Stats(), connectTime, cpu,
                    before, after, heapBefore, heapAfter);
            }
            finally
            {
                await Parallel.ForEachAsync(clients, ct, async (client, _) =>
                {
                    client.Abort();
                    await client.DisposeAsync();
                });
            }
        }
    }

    private static async Task<(Latencies, SendFailures, TimeSpan, CpuUse)> OpenAsync(ITarget server, Plan plan, ConcurrentBag<RawHubClient> clients, CancellationToken ct)
    {
        var latencies = new Latencies();
        var failures = new SendFailures();
        // Give up early when the server refuses in bulk: the figures would mean nothing.
        var giveUpAfter = Math.Max(100, plan.Target / 20);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var meter = CpuMeter.Start(server.Server);
        var started = Stopwatch.StartNew();
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, plan.Target), new ParallelOptions { MaxDegreeOfParallelism = plan.Parallel, CancellationToken = stop.Token }, async (i, token) =>
            {
                var opening = Stopwatch.GetTimestamp();
                try
                {
                    clients.Add(await server.ConnectVisitorAsync(i, token));
                    latencies.Add(Stopwatch.GetElapsedTime(opening).TotalMilliseconds);
                }
                catch (Exception e) when (!token.IsCancellationRequested && (SendFailures.IsSendFailure(e) || e is HubRefusedException or HttpRequestException))
                {
                    failures.Add(e);
                    if (failures.Count >= giveUpAfter)
                    {
                        await stop.CancelAsync();
                    }
                }
            });
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // Gave up after too many refusals; the table shows how far it got and why.
        }

        var elapsed = started.Elapsed;
        return (latencies, failures, elapsed, meter.Stop());
    }

    private sealed record Plan(int Target, int Parallel, TimeSpan Hold);

    private sealed record Measured(
        string Name, int Opened, int Held, SendFailures Failures, LatencyStats ConnectLatency, TimeSpan ConnectTime, CpuUse Cpu,
        long WorkingSetBefore, long WorkingSetAfter, long HeapBefore, long HeapAfter)
    {
        public double WorkingSetPerConnection => Held == 0 ? double.NaN : (double)(WorkingSetAfter - WorkingSetBefore) / Held;

        public double HeapPerConnection => Held == 0 ? double.NaN : (double)(HeapAfter - HeapBefore) / Held;
    }
}
