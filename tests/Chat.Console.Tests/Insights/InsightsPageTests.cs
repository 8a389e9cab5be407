using System.Security.Claims;
using Chat.AgentConsole.Insights;
using Chat.AgentConsole.Tests.Fakes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.AgentConsole.Tests.Insights;

public sealed class InsightsPageTests : BunitContext
{
    private readonly FakeInsightsPort insights = new();

    public InsightsPageTests()
    {
        Services.AddSingleton<IAdminPort>(new FakeAdminPort());
        Services.AddSingleton<IInsightsPort>(insights);
        var auth = AddAuthorization();
        auth.SetAuthorized("Alice Agent");
        auth.SetRoles("admin");
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, "agent-1"));
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public void The_page_is_for_admins_only()
    {
        var authorize = Assert.Single(typeof(InsightsPage).GetCustomAttributes(typeof(AuthorizeAttribute), inherit: true).Cast<AuthorizeAttribute>());
        Assert.Equal(ConsoleAuth.AdminRole, authorize.Roles);
    }

    [Fact]
    public void What_was_heard_three_times_is_raised_with_links_to_its_chats_and_text_stays_text()
    {
        var cut = Render<InsightsPage>();

        var raised = cut.FindAll("[data-testid=insight]");
        Assert.Equal(["<b>late</b> parcel", "shipping"], raised.Select(r => r.QuerySelector("[data-testid=insight-label]")!.TextContent));
        Assert.Equal("3 conversations", raised[1].QuerySelector("[data-testid=insight-count]")!.TextContent);
        Assert.Equal(["console/chats/c3", "console/chats/c2", "console/chats/c1"], raised[1].QuerySelectorAll("[data-testid=insight-link]").Select(a => a.GetAttribute("href")));
        Assert.Empty(cut.FindAll("b"));
        // Raised again: counted since it was acted on, with the earlier note beside it.
        Assert.Equal("raised again", raised[0].QuerySelector("[data-testid=insight-again]")!.TextContent);
        Assert.Equal("4 conversations since it was acted on", raised[0].QuerySelector("[data-testid=insight-count]")!.TextContent);
        Assert.Contains("Bob Baker: Asked the courier", raised[0].QuerySelector("[data-testid=insight-earlier]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("refund1", cut.Find("[data-testid=insight-counts][data-kind=tag] tbody tr:last-child").TextContent);
    }

    [Fact]
    public void Marking_an_insight_acted_on_sends_the_note_and_moves_it_to_acted_on()
    {
        var cut = Render<InsightsPage>();

        cut.FindAll("[data-testid=insight]")[1].QuerySelector("[data-testid=insight-act]")!.Click();
        cut.Find("[data-testid=insight-note]").Input("Added a shipping FAQ");
        cut.Find("[data-testid=insight-mark-form]").Submit();

        Assert.Equal(("tag", "shipping", "Added a shipping FAQ"), Assert.Single(insights.Marked));
        Assert.Single(cut.FindAll("[data-testid=insight]"));
        Assert.Contains("Added a shipping FAQ", cut.Find("[data-testid=insight-acted]").TextContent, StringComparison.Ordinal);
        Assert.Contains("marked acted on", cut.Find("[data-testid=admin-status]").TextContent, StringComparison.Ordinal);
    }

    private sealed class FakeInsightsPort : IInsightsPort
    {
        private static readonly DateTimeOffset Now = Sample.Now;
        private readonly Dictionary<string, InsightMark> marks = new(StringComparer.Ordinal);

        public List<(string Kind, string Item, string Note)> Marked { get; } = [];

        public Task<InsightsReport> GetInsightsAsync(string adminId, string siteId, CancellationToken ct)
        {
            InsightConversation Chat(int n) => new($"c{n}", $"Customer {n}", Now.AddHours(-n));
            var shipping = new Insight("tag", "shipping", "shipping", 3, [Chat(3), Chat(2), Chat(1)], 3);
            if (marks.TryGetValue("shipping", out var mark))
            {
                shipping = shipping with { CountSinceMark = 0, Mark = mark };
            }

            Insight[] items =
            [
                new("phrase", "<b>late</b> parcel", "<b>late</b> parcel", 6, [Chat(1)], 4) { Mark = new InsightMark(Now.AddDays(-2), "Bob Baker", "Asked the courier") },
                shipping,
                new("tag", "refund", "refund", 1, [Chat(4)], 1),
            ];
            return Task.FromResult(new InsightsReport(Now.AddDays(-7), Now, items));
        }

        public Task<InsightMark> MarkActedOnAsync(string adminId, string siteId, string kind, string item, string note, CancellationToken ct)
        {
            Marked.Add((kind, item, note));
            var mark = new InsightMark(Now, "Alice Agent", note);
            marks[item] = mark;
            return Task.FromResult(mark);
        }
    }
}
