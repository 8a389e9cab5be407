using Chat.Bench.Hosting;

namespace Chat.Bench.Measure;

/// <summary>
/// Everything measured over one window, started and stopped together: CPU of the server, the
/// load client and the rest of the machine, and the runtime figures of the server process and
/// of the load client (this process).
/// </summary>
public sealed class WindowMeter
{
    private readonly ServerProcess _server;
    private readonly CpuMeter _cpu;
    private readonly RuntimeWindow _client;

    private WindowMeter(ServerProcess server, CpuMeter cpu, RuntimeWindow client)
    {
        _server = server;
        _cpu = cpu;
        _client = client;
    }

    /// <summary>
    /// Starts measuring at once and completes when the server has opened its window too (a
    /// line over its standard input), so a send loop may start it without awaiting.
    /// </summary>
    public static async Task<WindowMeter> StartAsync(ServerProcess server, CancellationToken ct)
    {
        var meter = new WindowMeter(server, CpuMeter.Start(server), RuntimeRecorder.ThisProcess.Open());
        await server.OpenWindowAsync(ct);
        return meter;
    }

    public async Task<WindowFigures> StopAsync(CancellationToken ct)
    {
        var cpu = _cpu.Stop();
        var server = _server.CloseWindowAsync(ct);
        var client = await _client.CloseAsync(ct);
        return new WindowFigures(cpu, await server, client);
    }
}

/// <param name="Server">The server process under test.</param>
/// <param name="Client">The load client: this process.</param>
public sealed record WindowFigures(CpuUse Cpu, RuntimeFigures Server, RuntimeFigures Client);
