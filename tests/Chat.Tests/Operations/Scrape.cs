using System.Globalization;
using System.Text.RegularExpressions;

namespace Chat.Tests.Operations;

/// <summary>One read of /metrics in Prometheus text: samples by name and labels.</summary>
public sealed partial class Scrape(string text)
{
    public string Text { get; } = text;

    public static async Task<Scrape> ReadAsync(HttpClient http, string url = "metrics")
    {
        using var response = await http.GetAsync(url);
        response.EnsureSuccessStatusCode();
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
        return new Scrape(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The value of the sample with this name whose labels include all of <paramref name="labels"/> (name="value" each); null when absent.</summary>
    public double? Value(string name, params string[] labels)
    {
        foreach (Match m in Sample().Matches(Text))
        {
            if (m.Groups["name"].Value == name && labels.All(l => m.Groups["labels"].Value.Contains(l, StringComparison.Ordinal)))
            {
                return double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    public bool Has(string name) => Sample().Matches(Text).Any(m => m.Groups["name"].Value == name);

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(?<labels>[^}]*)\})? (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
