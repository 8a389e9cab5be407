using System.Globalization;

namespace Chat.Server.Sites;

/// <summary>
/// When a site's team answers chats, e.g. <c>mon-fri 09:00-17:00, sat 10:00-14:00</c> in an IANA
/// time zone. An empty text means always open. Outside these hours the widget offers a
/// leave-a-message form and says when the team is back.
/// </summary>
public sealed class BusinessHours
{
    private static readonly string[] DayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    private readonly List<(DayOfWeek Day, TimeSpan From, TimeSpan To)> _ranges;
    private readonly TimeZoneInfo _zone;

    private BusinessHours(List<(DayOfWeek, TimeSpan, TimeSpan)> ranges, TimeZoneInfo zone)
    {
        _ranges = ranges;
        _zone = zone;
    }

    public static BusinessHours AlwaysOpen { get; } = new([], TimeZoneInfo.Utc);

    public bool IsAlwaysOpen => _ranges.Count == 0;

    /// <summary>Parses the site's text; throws <see cref="FormatException"/> with the part that is wrong.</summary>
    public static BusinessHours Parse(string? text, string? timeZone)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return AlwaysOpen;
        }

        TimeZoneInfo zone;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(string.IsNullOrWhiteSpace(timeZone) ? "UTC" : timeZone.Trim());
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new FormatException($"Unknown time zone '{timeZone}'.", e);
        }

        var ranges = new List<(DayOfWeek, TimeSpan, TimeSpan)>();
        foreach (var entry in text.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = entry.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2)
            {
                throw new FormatException($"'{entry}' needs days and hours, like 'mon-fri 09:00-17:00'.");
            }

            var days = Days(parts[0]);
            foreach (var hours in parts.Skip(1))
            {
                var (from, to) = Hours(hours);
                ranges.AddRange(days.Select(d => (d, from, to)));
            }
        }

        return new BusinessHours(ranges, zone);
    }

    public bool IsOpen(DateTimeOffset now)
    {
        if (IsAlwaysOpen)
        {
            return true;
        }

        var local = TimeZoneInfo.ConvertTime(now, _zone);
        return _ranges.Any(r => r.Day == local.DayOfWeek && local.TimeOfDay >= r.From && local.TimeOfDay < r.To);
    }

    /// <summary>When the team is next in, within a week; now when open; null when the hours never open.</summary>
    public DateTimeOffset? NextOpening(DateTimeOffset now)
    {
        if (IsOpen(now))
        {
            return now;
        }

        var local = TimeZoneInfo.ConvertTime(now, _zone);
        for (var day = 0; day <= 7; day++)
        {
            var date = local.Date.AddDays(day);
            var starts = _ranges.Where(r => r.Day == date.DayOfWeek).Select(r => date + r.From).Where(s => s > local.DateTime).Order();
            foreach (var start in starts)
            {
                return new DateTimeOffset(start, _zone.GetUtcOffset(start));
            }
        }

        return null;
    }

    private static DayOfWeek[] Days(string text)
    {
        var bounds = text.ToLowerInvariant().Split('-');
        var first = Day(bounds[0]);
        var last = bounds.Length == 2 ? Day(bounds[1]) : bounds.Length == 1 ? first : throw new FormatException($"'{text}' is not a day or a range of days.");
        var days = new List<DayOfWeek>();
        for (var d = first; ; d = (d + 1) % 7)
        {
            days.Add((DayOfWeek)d);
            if (d == last)
            {
                return [.. days];
            }
        }
    }

    private static int Day(string text) =>
        Array.IndexOf(DayNames, text.Length >= 3 ? text[..3] : text) is var i and >= 0
            ? i
            : throw new FormatException($"'{text}' is not a day; use mon, tue, wed, thu, fri, sat or sun.");

    private static (TimeSpan From, TimeSpan To) Hours(string text)
    {
        var bounds = text.Split('-');
        if (bounds.Length != 2 || !TryTime(bounds[0], out var from) || !TryTime(bounds[1], out var to) || to <= from)
        {
            throw new FormatException($"'{text}' is not a range of hours like 09:00-17:00.");
        }

        return (from, to);
    }

    private static bool TryTime(string text, out TimeSpan time)
    {
        if (text == "24:00")
        {
            time = TimeSpan.FromHours(24);
            return true;
        }

        return TimeSpan.TryParseExact(text, @"hh\:mm", CultureInfo.InvariantCulture, out time);
    }
}
