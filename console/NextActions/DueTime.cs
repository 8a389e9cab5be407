using System.Globalization;

namespace Chat.AgentConsole.NextActions;

/// <summary>Due times in the site's time zone: what the agent types, and how the console shows it.</summary>
public static class DueTime
{
    /// <summary>"today 15:00", "tomorrow 09:30" or "Thu 4 Dec 15:00", in <paramref name="timeZone"/>.</summary>
    public static string Describe(DateTimeOffset due, DateTimeOffset now, string? timeZone)
    {
        var zone = Zone(timeZone);
        var local = TimeZoneInfo.ConvertTime(due, zone);
        var today = TimeZoneInfo.ConvertTime(now, zone).Date;
        var time = local.ToString("HH:mm", CultureInfo.InvariantCulture);
        return (local.Date - today).Days switch
        {
            0 => $"today {time}",
            1 => $"tomorrow {time}",
            _ => local.ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>A wall-clock time typed in the site's time zone, as an instant.</summary>
    public static DateTimeOffset FromLocal(DateTime local, string? timeZone)
    {
        var zone = Zone(timeZone);
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified));
    }

    /// <summary>The wall-clock time in the site's time zone, for the form's default.</summary>
    public static DateTime ToLocal(DateTimeOffset instant, string? timeZone) =>
        TimeZoneInfo.ConvertTime(instant, Zone(timeZone)).DateTime;

    private static TimeZoneInfo Zone(string? timeZone) =>
        !string.IsNullOrWhiteSpace(timeZone) && TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone) ? zone : TimeZoneInfo.Utc;
}
