using System.Security.Claims;
using Chat.AgentConsole.Coach;
using Chat.AgentConsole.CoachReport;
using Chat.AgentConsole.Tests.Fakes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.AgentConsole.Tests.CoachReport;

public sealed class CoachReportPageTests : BunitContext
{
    private readonly FakeCoachReportPort reports = new();

    public CoachReportPageTests()
    {
        Services.AddSingleton<IAdminPort>(new FakeAdminPort());
        Services.AddSingleton<ICoachReportPort>(reports);
        Services.AddSingleton<TimeProvider>(new FixedTimeProvider(Sample.Now));
        var auth = AddAuthorization();
        auth.SetAuthorized("Alice Agent");
        auth.SetRoles("admin");
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, "agent-1"));
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public void The_page_is_for_admins_only()
    {
        var authorize = Assert.Single(typeof(CoachReportPage).GetCustomAttributes(typeof(AuthorizeAttribute), inherit: true).Cast<AuthorizeAttribute>());
        Assert.Equal(ConsoleAuth.AdminRole, authorize.Roles);
    }

    [Fact]
    public void The_last_seven_days_are_shown_first_with_each_hints_counts_and_the_share_followed()
    {
        var cut = Render<CoachReportPage>();

        var asked = Assert.Single(reports.Asked);
        Assert.Equal((new DateOnly(2025, 3, 8), new DateOnly(2025, 3, 14)), (asked.From, asked.To));
        var name = cut.Find($"[data-testid=coach-count][data-rule={CoachRules.NoName}]");
        Assert.Equal("First reply without the customer's name", name.QuerySelector("th")!.TextContent);
        Assert.Equal("4", name.QuerySelector("[data-testid=coach-shown]")!.TextContent);
        Assert.Equal("1", name.QuerySelector("[data-testid=coach-dismissed]")!.TextContent);
        Assert.Equal("3", name.QuerySelector("[data-testid=coach-followed]")!.TextContent);
        Assert.Equal("75 %", name.QuerySelector("[data-testid=coach-share]")!.TextContent);
        Assert.Equal("–", cut.Find($"[data-testid=coach-count][data-rule={CoachRules.Doubting}] [data-testid=coach-share]").TextContent);
    }

    [Fact]
    public void Another_period_is_asked_for_and_a_refusal_is_shown_in_words()
    {
        var cut = Render<CoachReportPage>();

        cut.Find("[data-testid=coach-from]").Change("2025-03-01");
        cut.Find("[data-testid=coach-to]").Change("2025-03-02");
        cut.Find("[data-testid=coach-period]").Submit();
        Assert.Equal((new DateOnly(2025, 3, 1), new DateOnly(2025, 3, 2)), (reports.Asked[^1].From, reports.Asked[^1].To));

        cut.Find("[data-testid=coach-to]").Change("2025-02-01");
        cut.Find("[data-testid=coach-period]").Submit();
        Assert.Equal("Choose a period that ends after it starts.", cut.Find("[data-testid=admin-error]").TextContent);
    }

    private sealed class FakeCoachReportPort : ICoachReportPort
    {
        public List<(string SiteId, DateOnly From, DateOnly To)> Asked { get; } = [];

        public Task<IReadOnlyList<CoachRuleCount>> GetCoachCountsAsync(string adminId, string siteId, DateOnly from, DateOnly to, CancellationToken ct)
        {
            Asked.Add((siteId, from, to));
            if (to < from)
            {
                throw new ConsoleActionException("period_invalid", "Choose a period that ends after it starts.");
            }

            return Task.FromResult<IReadOnlyList<CoachRuleCount>>(
                [.. CoachRules.All.Select(r => r == CoachRules.NoName ? new CoachRuleCount(r, 4, 1, 3) : new CoachRuleCount(r, 0, 0, 0))]);
        }
    }
}
