using System.Globalization;

namespace Chat.AgentConsole.History;

/// <summary>Times on the history pages, shown in the site's own time zone with the zone named.</summary>
public static class SiteTime
{
    public static string Format(DateTimeOffset at, string? timeZone, string format = "yyyy-MM-dd HH:mm")
    {
        var zone = !string.IsNullOrWhiteSpace(timeZone) && TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var found) ? found : TimeZoneInfo.Utc;
        return TimeZoneInfo.ConvertTime(at, zone).ToString(format, CultureInfo.InvariantCulture);
    }
}
