using System.Diagnostics;
using Chat.Bench.Hosting;

namespace Chat.Bench.Measure;

/// <summary>CPU used by the load client (this process), the server under test, and everything else, over one window.</summary>
public sealed class CpuMeter
{
    private readonly ServerProcess _server;
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly TimeSpan _client = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly TimeSpan _serverCpu;
    private readonly MachineCpu? _machine = MachineCpu.Read();

    private CpuMeter(ServerProcess server)
    {
        _server = server;
        _serverCpu = server.Cpu;
    }

    public static CpuMeter Start(ServerProcess server) => new(server);

    public CpuUse Stop()
    {
        var wall = Stopwatch.GetElapsedTime(_started).TotalSeconds;
        var client = (Process.GetCurrentProcess().TotalProcessorTime - _client).TotalSeconds / wall;
        var server = (_server.Cpu - _serverCpu).TotalSeconds / wall;
        var machine = MachineCpu.Read();
        double? busy = _machine is { } from && machine is { } to ? MachineCpu.BusyShare(from, to) * Environment.ProcessorCount : null;
        return new CpuUse(client, server, busy is { } b ? Math.Max(0, b - client - server) : null, Environment.ProcessorCount);
    }
}

/// <summary>CPU in cores (1.0 = one core busy the whole window).</summary>
public sealed record CpuUse(double ClientCores, double ServerCores, double? OtherCores, int Cores)
{
    public double BusyShare => (ClientCores + ServerCores + (OtherCores ?? 0)) / Cores;
}
