using System.Security.Claims;
using Chat.AgentConsole.Reports;
using Chat.AgentConsole.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.AgentConsole.Tests.Reports;

/// <summary>The reports page with many low ratings: it lists the latest and leads to the rest.</summary>
public sealed class ReportsPageTests : BunitContext
{
    private static readonly DateOnly From = new(2030, 1, 1);
    private static readonly DateOnly To = new(2030, 1, 31);

    public ReportsPageTests()
    {
        Services.AddSingleton<IReportsPort>(new OneReport(LowRated(50), ones: 40, twos: 25));
        Services.AddSingleton<TimeProvider>(new FixedTimeProvider(new DateTimeOffset(2030, 2, 1, 12, 0, 0, TimeSpan.Zero)));
        var auth = AddAuthorization();
        auth.SetAuthorized("Alice Admin");
        auth.SetRoles("admin");
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, "agent-1"));
    }

    [Fact]
    public void More_low_ratings_than_shown_say_how_many_and_link_to_all_of_them_on_the_conversations_page()
    {
        var cut = Render<ReportsPage>();

        Assert.Equal(50, cut.FindAll("[data-testid=low-rating]").Count);
        var more = cut.Find("[data-testid=low-ratings-more]");
        Assert.Contains("The latest 50 of 65.", more.TextContent, StringComparison.Ordinal);
        Assert.Equal(
            ["console/conversations?site=site-1&rating=1&from=2030-01-01&to=2030-01-31", "console/conversations?site=site-1&rating=2&from=2030-01-01&to=2030-01-31"],
            more.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public void When_every_low_rating_is_shown_there_is_no_note()
    {
        Services.AddSingleton<IReportsPort>(new OneReport(LowRated(3), ones: 2, twos: 1));

        var cut = Render<ReportsPage>();

        Assert.Equal(3, cut.FindAll("[data-testid=low-rating]").Count);
        Assert.Empty(cut.FindAll("[data-testid=low-ratings-more]"));
    }

    private static List<LowRating> LowRated(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new LowRating($"c{i}", $"Customer {i}", 1, "Too slow", new DateTimeOffset(2030, 1, 20, 12, 0, 0, TimeSpan.Zero)))];

    private sealed class OneReport(IReadOnlyList<LowRating> low, int ones, int twos) : IReportsPort
    {
        public Task<IReadOnlyList<NamedItem>> GetReportSitesAsync(string agentId, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<NamedItem>>([new NamedItem("site-1", "Demo Shop")]);

        public Task<SiteReport> GetReportAsync(string agentId, ReportRequest request, CancellationToken ct) =>
            Task.FromResult(new SiteReport(
                "site-1", "Demo Shop", "Europe/Berlin", From, To, null,
                new ReportVolume(100, 90, 5, 5),
                new DurationFigures(90, TimeSpan.FromSeconds(40), TimeSpan.FromMinutes(3)),
                new DurationFigures(80, TimeSpan.FromMinutes(12), TimeSpan.FromMinutes(40)),
                new Satisfaction(ones + twos + 10, 2.4, 0.15, [ones, twos, 0, 5, 5], low),
                [.. Enumerable.Range(0, 7).Select(_ => (IReadOnlyList<int>)new int[24])],
                [.. Enumerable.Range(0, 31).Select(d => new DayFigures(From.AddDays(d), 3, 3, 0, 0))],
                []));
    }
}
