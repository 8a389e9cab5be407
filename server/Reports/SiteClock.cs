namespace Chat.Server.Reports;

/// <summary>
/// Unix milliseconds to the site's wall-clock time, fast enough for a year of conversations.
/// A zone's offset changes only at its transitions, which in every zone in use today fall on a
/// UTC quarter hour (Lord Howe and Nepal included), so the offset is looked up once per quarter
/// hour and reused for every instant in it. SiteClockTests hold it to TimeZoneInfo.
/// </summary>
internal sealed class SiteClock(TimeZoneInfo zone)
{
    private const long QuarterHourMs = 15 * 60 * 1000;
    private readonly Dictionary<long, TimeSpan> _offsets = [];

    public DateTime Local(long ms)
    {
        var quarter = Math.DivRem(ms, QuarterHourMs, out var rest) - (rest < 0 ? 1 : 0);
        if (!_offsets.TryGetValue(quarter, out var offset))
        {
            offset = zone.GetUtcOffset(DateTimeOffset.FromUnixTimeMilliseconds(quarter * QuarterHourMs));
            _offsets[quarter] = offset;
        }

        return DateTime.SpecifyKind(DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime + offset, DateTimeKind.Unspecified);
    }
}
