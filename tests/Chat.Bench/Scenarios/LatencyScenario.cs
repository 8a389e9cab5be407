using System.Diagnostics;
using System.Globalization;
using Chat.Bench.Cli;
using Chat.Bench.Hosting;
using Chat.Bench.Load;
using Chat.Bench.Measure;
using Chat.Bench.Report;
using Chat.Bench.Targets;

namespace Chat.Bench.Scenarios;

/// <summary>
/// Visitor–agent conversations at a fixed total rate, timed from the moment each message was
/// due to the moment the other end received it, through the chat server and then through the
/// bare relay under the same load. The ratio of the two p99s is the headline. With
/// <c>--nodes 2</c> the chat server runs as two nodes sharing Redis and PostgreSQL, visitors on
/// one and agents on the other; the relay stays one process, the single-node baseline.
/// </summary>
public sealed class LatencyScenario : IScenario
{
    private static readonly TimeSpan RegionMargin = TimeSpan.FromSeconds(3);

    public string Name => "latency";

    public string Description => "send-to-receipt latency both ways through the full path, beside a bare relay under the same load";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        OptionSpec.Integer("conversations", 2_500, 50, "visitor–agent conversations, two sockets each"),
        OptionSpec.Integer("rate", 2_000, 200, "messages per second in total, half each way"),
        OptionSpec.Integer("duration", 30, 5, "seconds measured"),
        OptionSpec.Integer("warmup", 5, 2, "seconds of the same load before measuring"),
        OptionSpec.Integer("length", 64, 64, "characters per message"),
        OptionSpec.Integer("sources", 4, 2, "loopback source addresses for the client's sockets"),
        OptionSpec.Flag("burst", "after set-up, drop every socket and reconnect them all at once, as after a restart, then measure the next --duration seconds without warm-up"),
        OptionSpec.Choice("nodes", ["1", "2", "3"], "chat server nodes; 2 or 3 run server processes sharing Redis and a PostgreSQL the bench starts, agents on the last node and visitors on the others (the bare relay stays one process)"),
        OptionSpec.Choice("redis", ["single", "cluster"], "with --nodes 2 or 3: one redis-server, or a Redis Cluster of three primaries with a replica each"),
        OptionSpec.Flag("no-settle", "skip the settle step after set-up (full collections, keep-alive spread, the client's no-GC region), as the bench ran before it, to compare"),
    ];

    public void Check(ScenarioOptions options)
    {
        if (options.Choice("redis") == "cluster" && options.Choice("nodes") == "1")
        {
            throw new UsageException("--redis cluster needs --nodes 2 or 3: one node runs without Redis.");
        }
    }

    public async Task<Summary> RunAsync(ScenarioOptions options, TextWriter output, CancellationToken ct)
    {
        var conversations = options.Integer("conversations");
        var burst = options.Flag("burst");
        var settle = !options.Flag("no-settle");
        var nodes = int.Parse(options.Choice("nodes"), CultureInfo.InvariantCulture);
        // A burst is measured from the moment the last socket is back: what follows a restart is the figure.
        var plan = new OpenLoopPlan(options.Integer("rate"), burst ? TimeSpan.Zero : TimeSpan.FromSeconds(options.Integer("warmup")),
            TimeSpan.FromSeconds(options.Integer("duration")), options.Integer("length"));
        using var sources = new SourceAddresses(options.Integer("sources"));

        var cluster = options.Choice("redis") == "cluster";
        var target = nodes == 1 ? await ChatTarget.StartAsync(sources, "sqlite", ct) : await ChatTarget.StartNodesAsync(sources, nodes, cluster, ct);
        if (nodes > 1)
        {
            output.WriteLine($"{target.Name}: {Describe(target, cluster)}");
        }

        var chat = await MeasureAsync(target, conversations, plan, settle, burst, output, ct);
        var relay = await MeasureAsync(await RelayTarget.StartAsync(sources, ct), conversations, plan, settle, burst, output, ct);

        Print(output, conversations, plan, settle, burst, chat, relay);
        var ratio = chat.Both.P99 / relay.Both.P99;
        output.WriteLine($"headline: chat server p99 {Format.Ms(chat.Both.P99)} ms = {Format.Ratio(ratio)} the bare relay's {Format.Ms(relay.Both.P99)} ms");
        var summary = new Summary(Name)
            .Add("p50_ms", chat.Both.P50)
            .Add("p99_ms", chat.Both.P99)
            .Add("bare_p50_ms", relay.Both.P50)
            .Add("bare_p99_ms", relay.Both.P99)
            .Add("ratio_p99", ratio)
            .Add("server_gc_max_ms", chat.Server.Gc.PauseMaxMs)
            .Add("server_tp_p99_ms", chat.Server.ThreadPoolDelayP99Ms)
            .Add("server_alloc_per_msg", chat.ServerAllocatedPerMessage, 0)
            .Add("client_gc_max_ms", chat.Client.Gc.PauseMaxMs)
            .Add("bare_gc_max_ms", relay.Server.Gc.PauseMaxMs)
            .Add("bare_tp_p99_ms", relay.Server.ThreadPoolDelayP99Ms)
            .Add("bare_alloc_per_msg", relay.ServerAllocatedPerMessage, 0)
            .Add("bare_client_gc_max_ms", relay.Client.Gc.PauseMaxMs);
        // Only a multi-node run says so, so that single-node lines read as they always have.
        return nodes == 1 ? summary : cluster ? summary.Add("nodes", nodes).Add("redis_cluster", 1) : summary.Add("nodes", nodes);
    }

    private static string Describe(ChatTarget target, bool cluster) =>
        $"{target.Servers.Count} server processes sharing {(cluster ? "a Redis Cluster (three primaries, a replica each)" : "one Redis")} and one {target.Database.Description}; " +
        $"visitors connect to {string.Join(" and ", Enumerable.Range(0, target.Servers.Count - 1).Select(NodeFigures.NodeName))} and agents to {NodeFigures.NodeName(target.Servers.Count - 1)}, so every message crosses Redis";

    private static async Task<Measured> MeasureAsync(
        ITarget target, int conversations, OpenLoopPlan plan, bool settle, bool burst, TextWriter output, CancellationToken ct)
    {
        await using (target)
        {
            var probe = new DeliveryProbe();
            var setup = Stopwatch.StartNew();
            var pairs = await target.OpenPairsAsync(conversations, probe.OnDelivery, ct);
            output.WriteLine($"{target.Name}: {Format.Count(conversations)} conversations on {Format.Count(conversations * 2L)} sockets ready in {Format.Seconds(setup.Elapsed)}");
            if (settle)
            {
                await Settle.RunAsync(target.Servers, pairs, ct);
            }

            ReconnectResult? reconnect = null;
            if (burst)
            {
                reconnect = await ReconnectBurst.RunAsync(pairs, Connections.BurstParallelism, ct);
                output.WriteLine($"{target.Name}: dropped every socket; {Format.Count(reconnect.Sockets - reconnect.Failures.Count)} reconnected in {Format.Seconds(reconnect.Took)}, " +
                    $"{Format.Count(reconnect.Failures.Count)} failed{(reconnect.Failures.First is { } first ? $" (first: {first})" : "")}");
            }

            // Until the last messages have arrived: the sending time and a little of the drain.
            var region = settle ? NoGcWindow.Start((long)(plan.Rate * (plan.Warmup + plan.Duration + RegionMargin).TotalSeconds)) : null;
            output.WriteLine($"{target.Name}: sending");
            OpenLoopResult result;
            bool held;
            try
            {
                result = await OpenLoop.RunAsync(pairs, plan, probe, target.Servers, ct);
            }
            finally
            {
                held = region?.End() ?? false;
            }

            var clientGc = region is null ? "no no-GC region (--no-settle)" : Describe(region, held);
            return new Measured(target.Name, probe, result, reconnect, clientGc, ServerLog(target.Servers));
        }
    }

    /// <summary>Each server's last lines; with several nodes, each under its name.</summary>
    private static string ServerLog(IReadOnlyList<ServerProcess> servers) =>
        servers.Count == 1
            ? servers[0].Tail(12)
            : string.Join(Environment.NewLine, servers.Select((s, i) => $"[{NodeFigures.NodeName(i)}]{Environment.NewLine}{s.Tail(12)}"));

    private static string Describe(NoGcWindow region, bool held) =>
        !region.Started
            ? $"no no-GC region ({Format.Bytes(region.Bytes)} would be needed; at most {Format.Bytes(NoGcWindow.MaxBytes)} is asked for)"
            : held
                ? $"no-GC region of {Format.Bytes(region.Bytes)} from the first send to the last delivery: held, no collection"
                : $"no-GC region of {Format.Bytes(region.Bytes)}: outgrown, so the client collected before the last delivery";

    private static void Print(TextWriter output, int conversations, OpenLoopPlan plan, bool settle, bool burst, Measured chat, Measured relay)
    {
        output.WriteLine();
        output.WriteLine($"{Format.Count(conversations)} conversations ({Format.Count(conversations * 2L)} sockets), {Format.Count(plan.Rate)} messages/s offered " +
            (burst
                ? $"for {plan.Duration.TotalSeconds} s from the moment every socket had reconnected ({Format.Count(Connections.BurstParallelism)} opening at once)"
                : $"for {plan.Duration.TotalSeconds} s after {plan.Warmup.TotalSeconds} s of warm-up") +
            "; times in ms from when a message was due to when the other end had it");
        output.WriteLine(settle
            ? "set-up settled before sending: a full blocking compacting collection in each server and in the load client, keep-alive cycles spread over 15 s, and the load client in a no-GC region"
            : "set-up NOT settled (--no-settle): set-up garbage and keep-alive cycles started within seconds of each other carry into the window");
        if (burst)
        {
            output.WriteLine("then every socket dropped and reopened at once: the reconnected sockets' keep-alive cycles start together, as browsers' do after a restart");
        }

        var nodes = chat.Result.Window.Nodes.Count;
        if (nodes > 1)
        {
            output.WriteLine($"{chat.Name}: {nodes} server processes over Redis and PostgreSQL, each measured on its own (rows \"server node 1 …\"); " +
                "server CPU and the summary's server figures are all nodes together. The bare relay is one process, as in a single-node run: the single-node baseline, measured in the same run");
        }

        output.WriteLine($"GC: chat server {chat.Server.GcSettings}; bare relay {relay.Server.GcSettings}; load client {chat.Client.GcSettings}");
        var table = new Table("", chat.Name, relay.Name);
        void Row(string label, Func<Measured, string> cell) => table.Row(label, cell(chat), cell(relay));
        Row("messages sent", m => Format.Count(m.Result.Sent));
        Row("acknowledged", m => Format.Count(m.Result.Acked));
        Row("delivered to the other end", m => Format.Count(m.Probe.Delivered));
        Row("not delivered by the end", m => Format.Count(Math.Max(0, m.Result.Sent - m.Probe.Delivered)));
        if (burst)
        {
            Row("sockets reconnected in the burst / failed", m => $"{Format.Count(m.Reconnect!.Sockets - m.Reconnect.Failures.Count)} / {Format.Count(m.Reconnect.Failures.Count)}");
            Row("burst: all sockets back in", m => Format.Seconds(m.Reconnect!.Took));
        }

        Row("failed / skipped (too many unanswered)", m => $"{Format.Count(m.Result.Failures.Count)} / {Format.Count(m.Result.Skipped)}");
        Row("visitor→agent p50 / p99", m => $"{Format.Ms(m.ToAgent.P50)} / {Format.Ms(m.ToAgent.P99)}");
        Row("agent→visitor p50 / p99", m => $"{Format.Ms(m.ToVisitor.P50)} / {Format.Ms(m.ToVisitor.P99)}");
        Row("both ways p50", m => Format.Ms(m.Both.P50));
        Row("both ways p90", m => Format.Ms(m.Both.P90));
        Row("both ways p99", m => Format.Ms(m.Both.P99));
        Row("both ways max", m => Format.Ms(m.Both.Max));
        Row("acknowledgement p50 / p99", m => $"{Format.Ms(m.Acks.P50)} / {Format.Ms(m.Acks.P99)}");
        Row($"client send lag p99 (late over {OpenLoop.LagLimitMs} ms)", m => Format.Ms(m.Result.SendLag.Stats().P99));
        Row(nodes > 1 ? "server CPU, all nodes (cores)" : "server CPU (cores)", m => Format.Cores(m.Result.Cpu.ServerCores));
        if (nodes > 1)
        {
            for (var n = 0; n < nodes; n++)
            {
                var node = n;
                Row($"server {NodeFigures.NodeName(node)} CPU (cores)", m => node < m.Result.Cpu.NodeCores.Count ? Format.Cores(m.Result.Cpu.NodeCores[node]) : "-");
            }
        }

        Row("load client CPU (cores)", m => Format.Cores(m.Result.Cpu.ClientCores));
        Row("other processes (cores)", m => m.Result.Cpu.OtherCores is { } o ? Format.Cores(o) : "-");
        Row("saturated", m => LoadVerdict.Of(m.Result.Cpu, m.Result.ClientFellBehind, m.Result.ServerFellBehind));
        // One set of rows per server process; the relay, one process, fills only the first and shows "-" in the others.
        List<(string, Func<Measured, RuntimeFigures?>)> processes = nodes == 1
            ? [("server", m => m.Server)]
            : Enumerable.Range(0, nodes).Select(n => ($"server {NodeFigures.NodeName(n)}", (Func<Measured, RuntimeFigures?>)(m => n < m.Nodes.Count ? m.Nodes[n] : null))).ToList();
        processes.Add(("load client", m => m.Client));
        foreach (var (process, side) in processes)
        {
            foreach (var (label, cell) in RuntimeRows.All)
            {
                Row($"{process} {label}", m => side(m) is { } figures ? cell(figures, m.Probe.Delivered) : "-");
            }
        }

        if (nodes > 1)
        {
            Row("server allocated per message, all nodes", m => Format.BytesPer(m.ServerAllocatedPerMessage));
        }

        table.Print(output);
        foreach (var m in new[] { chat, relay })
        {
            output.WriteLine($"{m.Name}: load client {m.ClientGc}");
            if (RuntimeRows.ClientOverlap(m.Name, m.Client) is { } overlap)
            {
                output.WriteLine(overlap);
            }
        }

        foreach (var m in new[] { chat, relay }.Where(m => m.Result.Failures.First is not null))
        {
            output.WriteLine($"{m.Name}: first failure: {m.Result.Failures.First}");
            if (m.ServerLog.Length > 0)
            {
                output.WriteLine($"{m.Name}: its last log lines:{Environment.NewLine}{m.ServerLog}");
            }
        }

        foreach (var m in new[] { chat, relay }.Where(m => m.Probe.Delivered < m.Result.Sent))
        {
            output.WriteLine($"{m.Name}: {Format.Count(m.Result.Sent - m.Probe.Delivered)} messages were not delivered by {OpenLoop.Drain.TotalSeconds} s after the last send; " +
                "the percentiles cover delivered messages only, so they understate the wait.");
        }
    }

    private sealed record Measured(string Name, DeliveryProbe Probe, OpenLoopResult Result, ReconnectResult? Reconnect, string ClientGc, string ServerLog)
    {
        /// <summary>The server as a whole: with several nodes, their figures combined (<see cref="NodeFigures.Combine"/>).</summary>
        public RuntimeFigures Server => Result.Window.Server;

        public IReadOnlyList<RuntimeFigures> Nodes => Result.Window.Nodes;

        public RuntimeFigures Client => Result.Window.Client;

        /// <summary>Per message delivered among those sent in the window; with several nodes, what every node allocated for it.</summary>
        public double ServerAllocatedPerMessage => Server.AllocatedPerMessage(Probe.Delivered);

        public LatencyStats ToAgent { get; } = Probe.ToAgent.Stats();

        public LatencyStats ToVisitor { get; } = Probe.ToVisitor.Stats();

        public LatencyStats Both { get; } = Latencies.Combine(Probe.ToAgent, Probe.ToVisitor).Stats();

        public LatencyStats Acks { get; } = Result.Acks.Stats();
    }
}
