using System.Text.RegularExpressions;

namespace Chat.Server.Customers;

/// <summary>
/// What the widget may report about the visitor's page. It comes from the visitor's browser,
/// so it is treated as hostile: only http(s) addresses, bounded lengths, a plain time zone name.
/// </summary>
public static partial class VisitorPageRules
{
    public const int MaxUrlLength = 2000;
    public const int MaxTitleLength = 300;
    public const int MaxTimeZoneLength = 64;
    public const int MaxUserAgentLength = 512;

    // IANA names such as "America/Argentina/Buenos_Aires", "Etc/GMT+3" or "UTC".
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex TimeZoneName();

    public static (string Url, string? Title, string? TimeZone) Validate(string? url, string? title, string? timeZone)
    {
        var trimmedUrl = (url ?? "").Trim();
        if (trimmedUrl.Length > MaxUrlLength)
        {
            throw new ChatRuleException("page_url_too_long", $"A page address can be at most {MaxUrlLength} characters.");
        }

        if (!Uri.TryCreate(trimmedUrl, UriKind.Absolute, out var parsed)
            || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps))
        {
            throw new ChatRuleException("page_url_invalid", "A page address must be a full http or https address.");
        }

        var stripped = title is null ? null : DirectionOverrides.Strip(title);
        var trimmedTitle = string.IsNullOrWhiteSpace(stripped) ? null : stripped.Trim();
        if (trimmedTitle is { Length: > MaxTitleLength })
        {
            throw new ChatRuleException("page_title_too_long", $"A page title can be at most {MaxTitleLength} characters.");
        }

        var trimmedZone = string.IsNullOrWhiteSpace(timeZone) ? null : timeZone.Trim();
        if (trimmedZone is not null && (trimmedZone.Length > MaxTimeZoneLength || !TimeZoneName().IsMatch(trimmedZone)))
        {
            throw new ChatRuleException("time_zone_invalid", $"A time zone is a name such as Europe/Lisbon, at most {MaxTimeZoneLength} characters.");
        }

        return (trimmedUrl, trimmedTitle, trimmedZone);
    }

    /// <summary>The User-Agent is only shown, never trusted; a long one is cut rather than refused.</summary>
    public static string? UserAgent(string? userAgent) =>
        string.IsNullOrWhiteSpace(userAgent) ? null
        : userAgent.Length <= MaxUserAgentLength ? userAgent
        : userAgent[..MaxUserAgentLength];
}
