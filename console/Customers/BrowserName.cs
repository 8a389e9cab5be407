using System.Text.RegularExpressions;

namespace Chat.AgentConsole.Customers;

/// <summary>
/// "Chrome 126 on Windows" from a User-Agent string: enough for an agent to picture the
/// visitor's screen, not a full parser. Order matters: Edge and Opera also say Chrome, and
/// Chrome also says Safari.
/// </summary>
public static partial class BrowserName
{
    private static readonly (string Token, string Name)[] Browsers =
    [
        ("Edg/", "Edge"), ("EdgA/", "Edge"), ("EdgiOS/", "Edge"),
        ("OPR/", "Opera"), ("SamsungBrowser/", "Samsung Internet"),
        ("Firefox/", "Firefox"), ("FxiOS/", "Firefox"),
        ("CriOS/", "Chrome"), ("Chrome/", "Chrome"), ("Chromium/", "Chromium"),
        ("Version/", "Safari"),
    ];

    private static readonly (string Token, string Name)[] Systems =
    [
        ("iPhone", "iPhone"), ("iPad", "iPad"), ("Android", "Android"), ("CrOS", "ChromeOS"),
        ("Windows", "Windows"), ("Mac OS X", "macOS"), ("Macintosh", "macOS"), ("Linux", "Linux"),
    ];

    [GeneratedRegex(@"^\d+", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex MajorVersion();

    /// <summary>A readable name, or null when the User-Agent is missing or unknown.</summary>
    public static string? Describe(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return null;
        }

        string? browser = null;
        foreach (var (token, name) in Browsers)
        {
            var at = userAgent.IndexOf(token, StringComparison.Ordinal);
            if (at >= 0 && (name != "Safari" || userAgent.Contains("Safari/", StringComparison.Ordinal)))
            {
                var version = MajorVersion().Match(userAgent[(at + token.Length)..]).Value;
                browser = version.Length > 0 ? $"{name} {version}" : name;
                break;
            }
        }

        var system = Systems.FirstOrDefault(s => userAgent.Contains(s.Token, StringComparison.Ordinal)).Name;
        return (browser, system) switch
        {
            (null, null) => null,
            (null, _) => $"A browser on {system}",
            (_, null) => browser,
            _ => $"{browser} on {system}",
        };
    }
}
