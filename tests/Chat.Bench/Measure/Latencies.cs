namespace Chat.Bench.Measure;

/// <summary>Every sample kept (a run has at most a few hundred thousand), so percentiles are exact.</summary>
public sealed class Latencies
{
    private readonly Lock _gate = new();
    private readonly List<double> _ms = [];

    public void Add(double ms)
    {
        lock (_gate)
        {
            _ms.Add(ms);
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _ms.Count;
            }
        }
    }

    /// <summary>All samples of several recorders as one, for figures over both directions.</summary>
    public static Latencies Combine(params Latencies[] parts)
    {
        var all = new Latencies();
        foreach (var part in parts)
        {
            lock (part._gate)
            {
                all._ms.AddRange(part._ms);
            }
        }

        return all;
    }

    public LatencyStats Stats()
    {
        double[] sorted;
        lock (_gate)
        {
            sorted = [.. _ms];
        }

        Array.Sort(sorted);
        return new LatencyStats(sorted.Length, At(sorted, 0.50), At(sorted, 0.90), At(sorted, 0.99), sorted.Length == 0 ? double.NaN : sorted[^1]);
    }

    /// <summary>Nearest rank: the smallest sample at or above the share <paramref name="p"/> of all samples.</summary>
    private static double At(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}

public readonly record struct LatencyStats(int Count, double P50, double P90, double P99, double Max);
