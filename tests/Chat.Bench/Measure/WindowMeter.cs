using Chat.Bench.Hosting;

namespace Chat.Bench.Measure;

/// <summary>
/// Everything measured over one window, started and stopped together: CPU of each server
/// process, the load client and the rest of the machine, and the runtime figures of each server
/// process (one, or one per node) and of the load client (this process).
/// </summary>
public sealed class WindowMeter
{
    private readonly IReadOnlyList<ServerProcess> _servers;
    private readonly CpuMeter _cpu;
    private readonly RuntimeWindow _client;

    private WindowMeter(IReadOnlyList<ServerProcess> servers, CpuMeter cpu, RuntimeWindow client)
    {
        _servers = servers;
        _cpu = cpu;
        _client = client;
    }

    public static Task<WindowMeter> StartAsync(ServerProcess server, CancellationToken ct) => StartAsync([server], ct);

    /// <summary>
    /// Starts measuring at once and completes when every server has opened its window too (a
    /// line over its standard input), so a send loop may start it without awaiting.
    /// </summary>
    public static async Task<WindowMeter> StartAsync(IReadOnlyList<ServerProcess> servers, CancellationToken ct)
    {
        var meter = new WindowMeter(servers, CpuMeter.Start(servers), RuntimeRecorder.ThisProcess.Open());
        await Task.WhenAll(servers.Select(s => s.OpenWindowAsync(ct)));
        return meter;
    }

    public async Task<WindowFigures> StopAsync(CancellationToken ct)
    {
        var cpu = _cpu.Stop();
        var servers = Task.WhenAll(_servers.Select(s => s.CloseWindowAsync(ct)));
        var client = await _client.CloseAsync(ct);
        return new WindowFigures(cpu, await servers, client);
    }
}

/// <param name="Nodes">Each server process under test: one, or one per node, in the target's order.</param>
/// <param name="Client">The load client: this process.</param>
public sealed record WindowFigures(CpuUse Cpu, IReadOnlyList<RuntimeFigures> Nodes, RuntimeFigures Client)
{
    /// <summary>The server as a whole: its one process, or every node's figures combined (<see cref="NodeFigures.Combine"/>).</summary>
    public RuntimeFigures Server { get; } = NodeFigures.Combine(Nodes);
}
