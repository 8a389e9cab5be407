using System.Globalization;
using System.Text;

namespace Chat.Bench.Report;

/// <summary>The one key=value line a scenario ends with, for scripts and CI to read.</summary>
public sealed class Summary(string scenario)
{
    private readonly List<(string Key, string Value)> _pairs = [];

    public Summary Add(string key, long value)
    {
        _pairs.Add((key, value.ToString(CultureInfo.InvariantCulture)));
        return this;
    }

    /// <summary>A measured figure; a figure that could not be measured stops the bench rather than print NaN.</summary>
    public Summary Add(string key, double value, int decimals = 2)
    {
        if (!double.IsFinite(value))
        {
            throw new BenchFailedException($"{key} could not be measured.");
        }

        _pairs.Add((key, value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)));
        return this;
    }

    public override string ToString()
    {
        var line = new StringBuilder(scenario);
        foreach (var (key, value) in _pairs)
        {
            line.Append(' ').Append(key).Append('=').Append(value);
        }

        return line.ToString();
    }
}
