using Chat.AgentConsole.Port;
using Chat.Server;
using Chat.Server.CannedReplies;
using Chat.Server.Customers;
using Chat.Server.Sites;

namespace Chat.Tests.Unit;

/// <summary>The rules behind the console's and the admin pages' inputs, at their edges.</summary>
public sealed class ConsoleRulesTests
{
    [Theory]
    [InlineData("Europe/Lisbon")]
    [InlineData("America/Argentina/Buenos_Aires")]
    [InlineData("Etc/GMT+3")]
    [InlineData("UTC")]
    public void Real_time_zone_names_are_accepted(string zone) =>
        Assert.Equal(zone, VisitorPageRules.Validate("https://shop.test/", "Home", zone).TimeZone);

    [Fact]
    public void Page_limits_are_exact_and_blank_optional_fields_become_nothing()
    {
        var url = "https://shop.test/" + new string('a', 2000 - "https://shop.test/".Length);
        var (validUrl, title, zone) = VisitorPageRules.Validate(url, new string('t', 300), "  ");

        Assert.Equal(2000, validUrl.Length);
        Assert.Equal(300, title!.Length);
        Assert.Null(zone);
        Assert.Null(VisitorPageRules.Validate("http://shop.test", " ", null).Title);
    }

    [Fact]
    public void Origins_are_kept_as_scheme_host_and_port_without_duplicates()
    {
        Assert.Equal(["https://shop.test", "http://localhost:8080"],
            SiteRules.ValidateOrigins(["https://shop.test/", " https://SHOP.test ", "http://localhost:8080", ""]));
    }

    [Theory]
    [InlineData("*.shop.test")]
    [InlineData("https://*.shop.test")]
    [InlineData("ftp://shop.test")]
    [InlineData("https://user:pw@shop.test")]
    [InlineData("https://shop.test/?a=1")]
    public void Anything_but_a_plain_origin_is_refused(string origin) =>
        Assert.Equal("origin_invalid", Assert.Throws<ChatRuleException>(() => SiteRules.ValidateOrigins([origin])).Code);

    [Fact]
    public void Thresholds_must_rise_and_stay_within_a_day()
    {
        Assert.Equal(WaitThresholds.Default, SiteRules.ValidateThresholds(null));
        Assert.Throws<ChatRuleException>(() => SiteRules.ValidateThresholds(new(TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(1))));
        Assert.Throws<ChatRuleException>(() => SiteRules.ValidateThresholds(new(TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(2))));
        Assert.Throws<ChatRuleException>(() => SiteRules.ValidateThresholds(new(TimeSpan.FromMinutes(1), TimeSpan.FromHours(25))));
    }

    [Theory]
    [InlineData("/thanks", "thanks")]
    [InlineData("  order-status ", "order-status")]
    [InlineData("faq_2", "faq_2")]
    public void Shortcuts_lose_their_slash_and_spaces(string shortcut, string expected) =>
        Assert.Equal(expected, CannedReplyRules.ValidateShortcut(shortcut));
}
