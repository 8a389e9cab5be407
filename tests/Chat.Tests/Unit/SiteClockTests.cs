using Chat.Server.Reports;

namespace Chat.Tests.Unit;

/// <summary>
/// Reports place each conversation on the site's own day and hour. The fast clock must agree
/// with TimeZoneInfo at every minute around daylight-saving changes, or a chat started at 02:59
/// on the night the clocks go back would land on the wrong hour of the heat map.
/// </summary>
public sealed class SiteClockTests
{
    [Theory]
    [InlineData("Europe/Berlin", "2026-03-29T00:00:00Z")] // clocks go forward at 01:00 UTC
    [InlineData("Europe/Berlin", "2026-10-25T00:00:00Z")] // and back at 01:00 UTC
    [InlineData("America/New_York", "2026-11-01T04:00:00Z")]
    [InlineData("Australia/Lord_Howe", "2026-04-04T13:00:00Z")] // half-hour change at 02:00 local
    [InlineData("Asia/Kathmandu", "2026-06-01T00:00:00Z")] // +05:45 all year
    [InlineData("UTC", "1969-12-31T23:00:00Z")] // before 1970: negative milliseconds
    public void Every_minute_around_a_change_agrees_with_the_time_zone(string zoneId, string start)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var clock = new SiteClock(zone);
        var from = DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture);
        for (var minute = 0; minute < 4 * 60; minute++)
        {
            // A few seconds into the minute too, so the quarter-hour lookup is not only hit on its edge.
            foreach (var seconds in new[] { 0, 7, 59 })
            {
                var instant = from.AddMinutes(minute).AddSeconds(seconds);
                var expected = TimeZoneInfo.ConvertTime(instant, zone).DateTime;
                Assert.Equal(expected, clock.Local(instant.ToUnixTimeMilliseconds()));
            }
        }
    }
}
