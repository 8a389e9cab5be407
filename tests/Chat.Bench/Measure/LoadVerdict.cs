using System.Globalization;
using Chat.Bench.Report;

namespace Chat.Bench.Measure;

/// <summary>
/// Who was the limit during a window. The load client runs on the same cores as the server,
/// and other work may run beside both, so the table must say when the client, or the rest of
/// the machine, ran out of room rather than the server.
/// </summary>
public static class LoadVerdict
{
    /// <summary>Above this share of all cores busy, the machine is taken as saturated.</summary>
    public const double Saturated = 0.9;

    /// <param name="clientFellBehind">The client could not send on schedule (its own lag, not the server's answers).</param>
    /// <param name="serverFellBehind">The server left so many sends unanswered that the client stopped sending.</param>
    public static string Of(CpuUse cpu, bool clientFellBehind, bool serverFellBehind = false)
    {
        if (serverFellBehind)
        {
            return clientFellBehind ? "server: fell behind; client late too" : "server: fell behind";
        }

        if (clientFellBehind)
        {
            return "CLIENT: fell behind its schedule";
        }

        if (cpu.BusyShare < Saturated)
        {
            return $"none ({Format.Percent(cpu.BusyShare)} of {cpu.Cores.ToString(CultureInfo.InvariantCulture)} cores busy)";
        }

        var others = cpu.OtherCores ?? 0;
        if (others > cpu.ServerCores && others > cpu.ClientCores)
        {
            return "OTHER PROCESSES: CPU full, mostly theirs";
        }

        return cpu.ClientCores > cpu.ServerCores ? "CLIENT: CPU full, mostly the client's" : "server: CPU full";
    }
}
