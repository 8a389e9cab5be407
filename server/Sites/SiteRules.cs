using System.Text.RegularExpressions;
using Chat.AgentConsole.Port;

namespace Chat.Server.Sites;

/// <summary>What an admin may save as a site's settings.</summary>
public static partial class SiteRules
{
    public const int MaxNameLength = 100;
    public const int MaxGreetingLength = 300;
    public const int MaxOrigins = 20;
    public const int MaxBusinessHoursLength = 500;
    public const int MaxTimeZoneLength = 64;
    public const int DefaultComplaintHours = 24;
    public const int MaxComplaintHours = 24 * 30;
    public static readonly TimeSpan MinThreshold = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan MaxThreshold = TimeSpan.FromHours(24);

    [GeneratedRegex("^#[0-9a-fA-F]{6}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex HexColor();

    public static string ValidateName(string? name)
    {
        var trimmed = DirectionOverrides.Strip(name ?? "").Trim();
        return trimmed.Length is > 0 and <= MaxNameLength
            ? trimmed
            : throw new ChatRuleException("site_name_invalid", $"A site name is 1 to {MaxNameLength} characters.");
    }

    public static string ValidateGreeting(string? greeting)
    {
        var trimmed = (greeting ?? "").Trim();
        return trimmed.Length is > 0 and <= MaxGreetingLength
            ? trimmed
            : throw new ChatRuleException("greeting_invalid", $"A greeting is 1 to {MaxGreetingLength} characters.");
    }

    public static string ValidateColor(string? color)
    {
        var trimmed = (color ?? "").Trim();
        return HexColor().IsMatch(trimmed)
            ? trimmed.ToLowerInvariant()
            : throw new ChatRuleException("color_invalid", "A colour is written as #rrggbb, such as #4f46e5.");
    }

    /// <summary>Each origin as scheme://host[:port], the form browsers send in the Origin header; duplicates dropped.</summary>
    public static IReadOnlyList<string> ValidateOrigins(IEnumerable<string>? origins)
    {
        var result = new List<string>();
        foreach (var raw in (origins ?? []).Select(o => o.Trim()).Where(o => o.Length > 0))
        {
            if (!Uri.TryCreate(raw, UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
                || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0
                || raw.Contains('*', StringComparison.Ordinal))
            {
                throw new ChatRuleException("origin_invalid", $"“{raw}” is not an origin such as https://shop.example.com (no path, no wildcard).");
            }

            var origin = uri.GetLeftPart(UriPartial.Authority);
            if (!result.Contains(origin, StringComparer.OrdinalIgnoreCase))
            {
                result.Add(origin);
            }
        }

        return result.Count <= MaxOrigins
            ? result
            : throw new ChatRuleException("origin_invalid", $"A site can list at most {MaxOrigins} origins.");
    }

    public static WaitThresholds ValidateThresholds(WaitThresholds? thresholds)
    {
        var t = thresholds ?? WaitThresholds.Default;
        if (t.Warn < MinThreshold || t.Urgent > MaxThreshold || t.Warn >= t.Urgent)
        {
            throw new ChatRuleException("thresholds_invalid",
                "The amber wait must be at least 10 seconds and shorter than the red one, which is at most 24 hours.");
        }

        if (t.FirstReplyTarget is { } target && (target < MinThreshold || target > MaxThreshold))
        {
            throw new ChatRuleException("first_reply_target_invalid", "The first-reply target must be at least 10 seconds and at most 24 hours, or empty for none.");
        }

        return new WaitThresholds(TimeSpan.FromSeconds(Math.Round(t.Warn.TotalSeconds)), TimeSpan.FromSeconds(Math.Round(t.Urgent.TotalSeconds)))
        {
            FirstReplyTarget = t.FirstReplyTarget is { } aim ? TimeSpan.FromSeconds(Math.Round(aim.TotalSeconds)) : null,
        };
    }

    public const int MaxReviewUrlLength = 2000;

    /// <summary>An absolute http(s) address, or null (blank) for no review link.</summary>
    public static string? ValidateReviewUrl(string? url)
    {
        var trimmed = (url ?? "").Trim();
        if (trimmed.Length == 0)
        {
            return null;
        }

        return trimmed.Length <= MaxReviewUrlLength && Uri.TryCreate(trimmed, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.UserInfo.Length == 0
            ? uri.AbsoluteUri
            : throw new ChatRuleException("review_url_invalid", "A review link is an http(s) address such as https://g.page/your-shop/review.");
    }

    public static int ValidateComplaintHours(int hours) =>
        hours is >= 1 and <= MaxComplaintHours
            ? hours
            : throw new ChatRuleException("complaint_hours_invalid", $"A complaint is turned round within 1 to {MaxComplaintHours} hours.");

    /// <summary>An IANA time zone id this server knows, such as Europe/Vienna; empty means UTC.</summary>
    public static string ValidateTimeZone(string? timeZone)
    {
        var trimmed = (timeZone ?? "").Trim();
        if (trimmed.Length == 0)
        {
            return "UTC";
        }

        return trimmed.Length <= MaxTimeZoneLength && TimeZoneInfo.TryFindSystemTimeZoneById(trimmed, out _)
            ? trimmed
            : throw new ChatRuleException("time_zone_invalid", $"“{trimmed}” is not a known time zone; use an IANA name such as Europe/Vienna or UTC.");
    }

    /// <summary>Hours the widget can read in the given (already valid) time zone; empty means always open.</summary>
    public static string ValidateBusinessHours(string? hours, string timeZone)
    {
        var trimmed = (hours ?? "").Trim();
        if (trimmed.Length > MaxBusinessHoursLength)
        {
            throw new ChatRuleException("business_hours_invalid", $"Business hours are at most {MaxBusinessHoursLength} characters.");
        }

        try
        {
            BusinessHours.Parse(trimmed, timeZone);
        }
        catch (FormatException e)
        {
            throw new ChatRuleException("business_hours_invalid", e.Message);
        }

        return trimmed;
    }
}
