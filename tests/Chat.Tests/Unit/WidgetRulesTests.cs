using Chat.Server.Conversations;
using Chat.Server.Customers;
using Chat.Server.Limits;
using Chat.Server.Sites;

namespace Chat.Tests.Unit;

public sealed class BusinessHoursRulesTests
{
    // 2025-03-10 is a Monday.
    private static DateTimeOffset Utc(int day, int hour, int minute = 0) => new(2025, 3, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void Empty_hours_are_always_open()
    {
        Assert.True(BusinessHours.Parse("", "Europe/Berlin").IsOpen(Utc(16, 3)));
    }

    [Fact]
    public void Open_within_the_ranges_of_the_day_in_the_sites_time_zone()
    {
        var hours = BusinessHours.Parse("mon-fri 09:00-12:00 13:00-17:00, sat 10:00-14:00", "Europe/Berlin");

        Assert.True(hours.IsOpen(Utc(10, 8)));   // Monday 09:00 in Berlin (UTC+1 in March before DST)
        Assert.False(hours.IsOpen(Utc(10, 7, 59)));
        Assert.False(hours.IsOpen(Utc(10, 11, 30))); // lunch
        Assert.True(hours.IsOpen(Utc(15, 9)));   // Saturday 10:00
        Assert.False(hours.IsOpen(Utc(16, 10))); // Sunday
    }

    [Fact]
    public void The_next_opening_skips_closed_days_and_wraps_the_week()
    {
        var hours = BusinessHours.Parse("mon-fri 09:00-17:00", "UTC");

        Assert.Equal(Utc(17, 9), hours.NextOpening(Utc(15, 12))); // Saturday noon → Monday 09:00
        Assert.Equal(Utc(10, 9), hours.NextOpening(Utc(10, 6)));  // Monday early → same day
        Assert.Equal(Utc(10, 10), hours.NextOpening(Utc(10, 10))); // open now → now
        Assert.Equal(Utc(16, 9), BusinessHours.Parse("sat-sun 09:00-10:00", "UTC").NextOpening(Utc(15, 11))); // Saturday after → Sunday
    }

    [Theory]
    [InlineData("monday-funday 09:00-17:00")]
    [InlineData("mon 17:00-09:00")]
    [InlineData("mon 9-5")]
    [InlineData("mon")]
    public void Unreadable_hours_say_what_is_wrong(string text)
    {
        Assert.Throws<FormatException>(() => BusinessHours.Parse(text, "UTC"));
    }

    [Fact]
    public void An_unknown_time_zone_is_refused()
    {
        Assert.Throws<FormatException>(() => BusinessHours.Parse("mon 09:00-17:00", "Mars/Olympus"));
    }
}

public sealed class IdentityHashTests
{
    [Fact]
    public void Matches_the_hmac_shops_compute_and_refuses_anything_else()
    {
        // echo -n "cust-42" | openssl dgst -sha256 -hmac "secret"
        const string hash = "50a82d96002909c08f14a4eec69192869e2602bb236907ee36f80d9a2497c20c";

        Assert.Equal(hash, IdentityHash.Compute("secret", "cust-42"));
        Assert.True(IdentityHash.Verify("secret", "cust-42", hash));
        Assert.True(IdentityHash.Verify("secret", "cust-42", hash.ToUpperInvariant()));
        Assert.False(IdentityHash.Verify("secret", "cust-43", hash));
        Assert.False(IdentityHash.Verify("other", "cust-42", hash));
        Assert.False(IdentityHash.Verify("secret", "cust-42", null));
        Assert.False(IdentityHash.Verify("secret", "cust-42", hash[..62]));
        Assert.False(IdentityHash.Verify("secret", "cust-42", new string('z', 64)));
    }
}

public sealed class RateLimiterTests
{
    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public async Task Allows_the_limit_in_any_window_per_key_then_refuses_until_the_oldest_hit_is_a_window_old()
    {
        var time = new ManualTime(new DateTimeOffset(2025, 3, 10, 12, 0, 50, TimeSpan.Zero));
        var limiter = new InProcessRateLimiter(time);
        var minute = TimeSpan.FromMinutes(1);

        Assert.True(await limiter.TryAcquireAsync("a", 2, minute, default));
        time.Now = time.Now.AddSeconds(20); // past the clock minute's edge: still the same burst
        Assert.True(await limiter.TryAcquireAsync("a", 2, minute, default));
        Assert.False(await limiter.TryAcquireAsync("a", 2, minute, default));
        Assert.True(await limiter.TryAcquireAsync("b", 2, minute, default));

        time.Now = time.Now.AddSeconds(40); // the first hit is now a minute old
        Assert.True(await limiter.TryAcquireAsync("a", 2, minute, default));
        Assert.False(await limiter.TryAcquireAsync("a", 2, minute, default));
    }
}

public sealed class WaitEstimateTests
{
    [Theory]
    [InlineData(1, 600.0, 5, 120)]   // a slot frees every 2 minutes
    [InlineData(3, 600.0, 5, 360)]
    [InlineData(1, 10.0, 5, 60)]     // never under a minute
    [InlineData(2, null, 1, 600)]    // no history yet: five-minute chats assumed
    [InlineData(1, 300.0, 0, 300)]   // no agents counted: as if one
    public void Whole_minutes_from_place_chat_length_and_capacity(int position, double? chatSeconds, int capacity, int expected)
    {
        Assert.Equal(expected, WaitEstimates.Estimate(position, chatSeconds, capacity));
    }
}
