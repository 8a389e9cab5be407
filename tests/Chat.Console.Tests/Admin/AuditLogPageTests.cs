using System.Security.Claims;
using Chat.AgentConsole.Admin;
using Chat.AgentConsole.Tests.Fakes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.AgentConsole.Tests.Admin;

/// <summary>The audit log page: read only, filtered by who, what and when, a page at a time.</summary>
public sealed class AuditLogPageTests : BunitContext
{
    private static readonly DateTimeOffset Noon = new(2030, 3, 4, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeAdminPort admin = new();

    public AuditLogPageTests()
    {
        Services.AddSingleton<IAdminPort>(admin);
        Services.AddSingleton<IConsolePort>(new FakeConsolePort { Admin = admin });
        var auth = AddAuthorization();
        auth.SetAuthorized("Alice Agent");
        auth.SetRoles("admin");
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, "agent-1"));
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        for (var i = 0; i < 5; i++)
        {
            admin.AuditEntries.Add(new AuditEntry($"e{i}", Noon.AddMinutes(-i), "agent-1", "Alice Agent", AuditActions.SiteUpdated, "site", "site-1", $"Shoe Shop change {i}", null));
        }

        admin.AuditEntries.Add(new AuditEntry("e5", Noon.AddDays(-1), "agent-2", "Bob <b>Baker</b>", AuditActions.SignInFailed, "agent", "agent-2", "bob@example.test", "203.0.113.7"));
    }

    [Fact]
    public void The_page_is_for_admins_only_and_has_no_way_to_change_an_entry()
    {
        var authorize = Assert.Single(typeof(AuditLogPage).GetCustomAttributes(typeof(AuthorizeAttribute), inherit: true).Cast<AuthorizeAttribute>());
        Assert.Equal(ConsoleAuth.AdminRole, authorize.Roles);

        var cut = Render<AuditLogPage>();
        var rows = cut.FindAll("[data-testid=audit-entry]");
        Assert.Equal(6, rows.Count);
        // No buttons or inputs in the table: entries are read, never edited.
        Assert.Empty(cut.Find("[data-testid=audit-table]").QuerySelectorAll("button, input, textarea, select"));
        // Names are text, isolated, never markup.
        var failed = rows[^1];
        Assert.Contains("Bob <b>Baker</b>", failed.TextContent, StringComparison.Ordinal);
        Assert.Empty(failed.QuerySelectorAll("b"));
        Assert.Contains("Sign-in failed", failed.TextContent, StringComparison.Ordinal);
        Assert.Contains("203.0.113.7", failed.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Filters_by_who_what_and_dates_go_to_the_server()
    {
        var cut = Render<AuditLogPage>();

        cut.Find("[data-testid=audit-actor]").Change("agent-2");
        cut.Find("[data-testid=audit-action]").Change(AuditActions.SignInFailed);
        cut.Find("[data-testid=audit-from]").Change("2030-03-03");
        cut.Find("[data-testid=audit-to]").Change("2030-03-03");
        cut.Find("[data-testid=audit-filter]").Submit();

        var query = admin.AuditQueries[^1];
        Assert.Equal(new AuditFilter("agent-2", AuditActions.SignInFailed, new DateTimeOffset(2030, 3, 3, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2030, 3, 4, 0, 0, 0, TimeSpan.Zero)), query);
        var row = Assert.Single(cut.FindAll("[data-testid=audit-entry]"));
        Assert.Equal(AuditActions.SignInFailed, row.GetAttribute("data-action"));

        cut.Find("[data-testid=audit-action]").Change(AuditActions.CustomerErased);
        cut.Find("[data-testid=audit-filter]").Submit();
        Assert.Empty(cut.FindAll("[data-testid=audit-entry]"));
        Assert.NotNull(cut.Find("[data-testid=audit-empty]"));
    }

    [Fact]
    public void Older_entries_come_a_page_at_a_time_and_newest_goes_back()
    {
        admin.AuditPageSize = 4;
        var cut = Render<AuditLogPage>();
        Assert.Equal(["e0", "e1", "e2", "e3"], Ids(cut));
        Assert.Empty(cut.FindAll("[data-testid=audit-newest]"));

        cut.Find("[data-testid=audit-older]").Click();
        Assert.Equal(["e4", "e5"], Ids(cut));
        Assert.Empty(cut.FindAll("[data-testid=audit-older]"));

        cut.Find("[data-testid=audit-newest]").Click();
        Assert.Equal(["e0", "e1", "e2", "e3"], Ids(cut));
    }

    private IReadOnlyList<string> Ids(IRenderedComponent<AuditLogPage> cut) =>
        [.. cut.FindAll("[data-testid=audit-entry] td:nth-child(5)").Select(td => admin.AuditEntries.Single(e => e.Detail == td.TextContent).Id)];
}
