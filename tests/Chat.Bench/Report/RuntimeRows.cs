using Chat.Bench.Measure;

namespace Chat.Bench.Report;

/// <summary>
/// The runtime figures of one process over a window, as table rows: the same rows for the
/// server and the load client, in the latency table and in the throughput steps.
/// </summary>
public static class RuntimeRows
{
    /// <summary>Each row's label (after the process's name) and its cell from the figures and the messages handled in the window.</summary>
    public static IReadOnlyList<(string Label, Func<RuntimeFigures, long, string> Cell)> All { get; } =
    [
        ("GCs gen0 / gen1 / gen2", (f, _) => $"{f.Gc.Gen0} / {f.Gc.Gen1} / {f.Gc.Gen2}"),
        ("GC pause total / max (ms)", (f, _) => $"{Format.Ms(f.Gc.PauseTotalMs)} / {Format.Ms(f.Gc.PauseMaxMs)}"),
        ("longest GC pause", (f, _) => f.Gc.LongestPause),
        ("thread-pool queue delay p99 (ms)", (f, _) => Format.Ms(f.ThreadPoolDelayP99Ms)),
        ("allocated per message", (f, messages) => Format.BytesPer(f.AllocatedPerMessage(messages))),
    ];

    /// <summary>
    /// A plain sentence when the load client collected inside the window: its own pause then
    /// delayed sends and receipts, and the latencies around it include it.
    /// </summary>
    public static string? ClientOverlap(string run, RuntimeFigures client) =>
        client.Gc.Collections == 0
            ? null
            : $"{run}: the load client itself collected {client.Gc.Collections} time(s) inside the measured window " +
              $"(pauses {Format.Ms(client.Gc.PauseTotalMs)} ms in all, longest {Format.Ms(client.Gc.PauseMaxMs)} ms, {client.Gc.LongestPause}); " +
              "messages in flight then waited for the client, not the server.";
}
