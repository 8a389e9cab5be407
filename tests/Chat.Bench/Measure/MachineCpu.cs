using System.Globalization;

namespace Chat.Bench.Measure;

/// <summary>
/// The whole machine's busy time from /proc/stat, so a report can say how much CPU went to
/// processes other than the bench and its server (builds and tests run beside it here).
/// </summary>
public readonly record struct MachineCpu(long Busy, long Total)
{
    public static MachineCpu? Read()
    {
        const string stat = "/proc/stat";
        if (!File.Exists(stat))
        {
            return null;
        }

        // "cpu  user nice system idle iowait irq softirq steal …", in clock ticks.
        var fields = File.ReadLines(stat).First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var idle = fields[3] + fields[4];
        var total = fields.Sum();
        return new MachineCpu(total - idle, total);
    }

    /// <summary>Busy share of the machine between two readings, 0 to 1.</summary>
    public static double BusyShare(MachineCpu from, MachineCpu to) =>
        to.Total == from.Total ? 0 : (double)(to.Busy - from.Busy) / (to.Total - from.Total);
}
