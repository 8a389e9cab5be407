using Chat.AgentConsole.Customers;
using Chat.AgentConsole.Tests.Fakes;

namespace Chat.AgentConsole.Tests.Customers;

public sealed class LocalTimeTests
{
    [Theory]
    [InlineData("Asia/Tokyo", "21:00")]
    [InlineData("America/New_York", "08:00")]
    [InlineData("UTC", "12:00")]
    [InlineData("Mars/Olympus_Mons", null)]
    [InlineData(null, null)]
    public void The_visitors_clock_is_shown_in_their_time_zone(string? zone, string? expected)
    {
        // Sample.Now is 12:00 UTC on 14 March 2025, after the US moved to summer time.
        Assert.Equal(expected, LocalTime.Describe(zone, Sample.Now));
    }
}
