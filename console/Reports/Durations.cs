using System.Globalization;

namespace Chat.AgentConsole.Reports;

/// <summary>Durations as people say them: "45 s", "3 min 05 s", "2 h 10 min".</summary>
public static class Durations
{
    public static string Say(TimeSpan? value) => value switch
    {
        null => "—",
        { TotalSeconds: < 60 } v => $"{(int)v.TotalSeconds} s",
        { TotalMinutes: < 60 } v => string.Create(CultureInfo.InvariantCulture, $"{(int)v.TotalMinutes} min {v.Seconds:00} s"),
        { TotalHours: < 48 } v => string.Create(CultureInfo.InvariantCulture, $"{(int)v.TotalHours} h {v.Minutes:00} min"),
        var v => string.Create(CultureInfo.InvariantCulture, $"{(int)v.Value.TotalDays} d {v.Value.Hours} h"),
    };

    /// <summary>Seconds, for CSV: a number a spreadsheet can add up.</summary>
    public static object? Seconds(TimeSpan? value) => value is { } v ? Math.Round(v.TotalSeconds, 1) : null;

    public static string Percent(double? share) => share is { } s ? s.ToString("0%", CultureInfo.InvariantCulture) : "—";

    public static string Average(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "—";
}
