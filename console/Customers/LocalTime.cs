namespace Chat.AgentConsole.Customers;

/// <summary>The visitor's wall-clock time, so an agent knows whether "tomorrow morning" is hours away.</summary>
public static class LocalTime
{
    /// <summary>"14:05" in the visitor's time zone, or null when the zone is missing or unknown here.</summary>
    public static string? Describe(string? timeZone, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(timeZone) || !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone))
        {
            return null;
        }

        return TimeZoneInfo.ConvertTime(now, zone).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
    }
}
