using System.Diagnostics;
using Chat.Bench.Hosting;

namespace Chat.Bench.Measure;

/// <summary>CPU used by the load client (this process), each server process under test, and everything else, over one window.</summary>
public sealed class CpuMeter
{
    private readonly IReadOnlyList<ServerProcess> _servers;
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly TimeSpan _client = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly TimeSpan[] _serverCpu;
    private readonly MachineCpu? _machine = MachineCpu.Read();

    private CpuMeter(IReadOnlyList<ServerProcess> servers)
    {
        _servers = servers;
        _serverCpu = [.. servers.Select(s => s.Cpu)];
    }

    public static CpuMeter Start(ServerProcess server) => new([server]);

    public static CpuMeter Start(IReadOnlyList<ServerProcess> servers) => new(servers);

    public CpuUse Stop()
    {
        var wall = Stopwatch.GetElapsedTime(_started).TotalSeconds;
        var client = (Process.GetCurrentProcess().TotalProcessorTime - _client).TotalSeconds / wall;
        double[] nodes = [.. _servers.Select((s, i) => (s.Cpu - _serverCpu[i]).TotalSeconds / wall)];
        var server = nodes.Sum();
        var machine = MachineCpu.Read();
        double? busy = _machine is { } from && machine is { } to ? MachineCpu.BusyShare(from, to) * Environment.ProcessorCount : null;
        return new CpuUse(client, server, busy is { } b ? Math.Max(0, b - client - server) : null, Environment.ProcessorCount) { NodeCores = nodes };
    }
}

/// <summary>CPU in cores (1.0 = one core busy the whole window).</summary>
/// <param name="ServerCores">Every server process under test together.</param>
public sealed record CpuUse(double ClientCores, double ServerCores, double? OtherCores, int Cores)
{
    /// <summary>Each server process's share of <see cref="ServerCores"/>, in the target's order.</summary>
    public IReadOnlyList<double> NodeCores { get; init; } = [ServerCores];

    public double BusyShare => (ClientCores + ServerCores + (OtherCores ?? 0)) / Cores;
}
