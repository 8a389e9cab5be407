using System.Globalization;
using System.Runtime;

namespace Chat.Bench.Measure;

/// <summary>The collector's set-up in force in this process, in a few words, so every report states it.</summary>
public static class GcSettings
{
    public static string Describe()
    {
        var config = GC.GetConfigurationVariables();
        var server = GCSettings.IsServerGC;
        var parts = new List<string>
        {
            server ? $"server GC, {Value(config, "HeapCount")} heaps" : "workstation GC",
            Value(config, "ConcurrentGC") == "True" ? "concurrent" : "not concurrent",
        };
        if (server && Value(config, "GCDynamicAdaptationMode") == "1")
        {
            parts.Add("DATAS");
        }

        if (long.TryParse(Value(config, "GCGen0MaxBudget"), NumberStyles.None, CultureInfo.InvariantCulture, out var budget) && budget > 0)
        {
            parts.Add($"gen0 budget up to {budget / 1024 / 1024} MB");
        }

        if (GCSettings.LatencyMode != GCLatencyMode.Interactive)
        {
            parts.Add($"latency mode {GCSettings.LatencyMode}");
        }

        return string.Join(", ", parts);
    }

    private static string Value(IReadOnlyDictionary<string, object> config, string key) =>
        config.TryGetValue(key, out var value) ? Convert.ToString(value, CultureInfo.InvariantCulture) ?? "" : "";
}
