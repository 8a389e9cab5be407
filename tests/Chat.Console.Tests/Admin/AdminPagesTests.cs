using System.Security.Claims;
using Chat.AgentConsole.Admin;
using Chat.AgentConsole.Tests.Fakes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.AgentConsole.Tests.Admin;

public sealed class AdminPagesTests : BunitContext
{
    private readonly FakeAdminPort admin = new();
    private readonly FakeConsolePort port = new();

    public AdminPagesTests()
    {
        port.Admin = admin;
        Services.AddSingleton<IAdminPort>(admin);
        Services.AddSingleton<IConsolePort>(port);
        var auth = AddAuthorization();
        auth.SetAuthorized("Alice Agent");
        auth.SetRoles("admin");
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, "agent-1"));
        // The forms are live, as in the browser once the circuit is up.
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Theory]
    [InlineData(typeof(SitesPage))]
    [InlineData(typeof(AgentsPage))]
    [InlineData(typeof(CannedRepliesPage))]
    public void Every_admin_page_is_for_admins_only(Type page)
    {
        var authorize = Assert.Single(page.GetCustomAttributes(typeof(AuthorizeAttribute), inherit: true).Cast<AuthorizeAttribute>());
        Assert.Equal(ConsoleAuth.AdminRole, authorize.Roles);
    }

    [Fact]
    public void A_canned_reply_with_an_unknown_variable_is_refused_with_the_servers_reason_and_not_listed()
    {
        var cut = Render<CannedRepliesPage>();

        cut.Find("[data-testid=canned-shortcut]").Change("thanks");
        cut.Find("[data-testid=canned-text]").Input("Thanks {{customer.nickname}}!");
        cut.Find("[data-testid=canned-form]").Submit();

        Assert.Equal("Unknown variable {{customer.nickname}}.", cut.Find("[data-testid=admin-error]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=canned-item]"));

        cut.Find("[data-testid=canned-text]").Input("Thanks {{customer.first_name}}!");
        cut.Find("[data-testid=canned-form]").Submit();

        Assert.Contains("/thanks", cut.Find("[data-testid=admin-status]").TextContent, StringComparison.Ordinal);
        Assert.Contains("/thanks", cut.Find("[data-testid=canned-item]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=admin-error]"));
    }

    [Fact]
    public void The_canned_reply_page_names_the_variables_that_exist()
    {
        var cut = Render<CannedRepliesPage>();

        var text = cut.Find(".variables").TextContent;
        Assert.All(CannedTemplate.Variables, v => Assert.Contains("{{" + v + "}}", text, StringComparison.Ordinal));
    }

    [Fact]
    public void A_new_agent_gets_a_password_shown_once_and_a_reset_shows_the_new_one()
    {
        var cut = Render<AgentsPage>();

        cut.Find("[data-testid=new-agent]").Click();
        cut.Find("[data-testid=agent-email]").Change("cy@example.test");
        cut.Find("[data-testid=agent-name-input]").Change("Cy Newman");
        cut.Find("[data-testid=agent-capacity]").Change("4");
        cut.Find("[data-testid=agent-form]").Submit();

        Assert.Equal("first-password-123", cut.Find("[data-testid=new-password-value]").TextContent);
        var created = Assert.Single(admin.Agents, a => a.Name == "Cy Newman");
        Assert.Equal(4, created.Capacity);
        Assert.Equal(["site-1"], created.SiteIds);

        cut.FindAll("[data-testid=agent-item]")[1].Click();
        Assert.Empty(cut.FindAll("[data-testid=new-password]"));
        cut.Find("[data-testid=reset-password]").Click();

        Assert.Equal(["agent-2"], admin.PasswordResets);
        Assert.Equal("new-password-456", cut.Find("[data-testid=new-password-value]").TextContent);
    }

    [Fact]
    public void Site_settings_are_saved_with_waits_in_minutes_and_a_refusal_is_shown()
    {
        var cut = Render<SitesPage>();
        Assert.Contains("data-site=\"key-1\"", cut.Find("[data-testid=site-snippet]").TextContent, StringComparison.Ordinal);

        cut.Find("[data-testid=site-origins]").Change("https://shoes.test\nhttps://www.shoes.test");
        cut.Find("[data-testid=site-warn]").Change("0.5");
        cut.Find("[data-testid=site-urgent]").Change("2");
        cut.Find("[data-testid=site-form]").Submit();

        var saved = admin.Sites.Single();
        Assert.Equal(["https://shoes.test", "https://www.shoes.test"], saved.AllowedOrigins);
        Assert.Equal(new WaitThresholds(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2)), saved.Thresholds);
        Assert.Equal("Saved.", cut.Find("[data-testid=admin-status]").TextContent);

        cut.Find("[data-testid=site-warn]").Change("5");
        cut.Find("[data-testid=site-form]").Submit();
        Assert.Contains("shorter than the red one", cut.Find("[data-testid=admin-error]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Business_hours_and_time_zone_are_shown_saved_and_a_refusal_keeps_the_input()
    {
        admin.Sites[0] = admin.Sites[0] with { BusinessHours = "mon-fri 09:00-17:00", TimeZone = "Europe/Vienna" };
        var cut = Render<SitesPage>();
        Assert.Equal("mon-fri 09:00-17:00", cut.Find("[data-testid=site-business-hours]").GetAttribute("value"));
        Assert.Equal("Europe/Vienna", cut.Find("[data-testid=site-time-zone]").GetAttribute("value"));
        Assert.Contains("Business hours", cut.Find("label[for=site-business-hours]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Time zone", cut.Find("label[for=site-time-zone]").TextContent, StringComparison.Ordinal);

        cut.Find("[data-testid=site-business-hours]").Change(" mon-sat 08:00-18:00 ");
        cut.Find("[data-testid=site-time-zone]").Change("America/New_York");
        cut.Find("[data-testid=site-form]").Submit();

        var saved = admin.Sites.Single();
        Assert.Equal("mon-sat 08:00-18:00", saved.BusinessHours);
        Assert.Equal("America/New_York", saved.TimeZone);
        Assert.Equal("Saved.", cut.Find("[data-testid=admin-status]").TextContent);

        cut.Find("[data-testid=site-time-zone]").Change("Mars/Olympus");
        cut.Find("[data-testid=site-form]").Submit();

        Assert.Contains("not a known time zone", cut.Find("[data-testid=admin-error]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Mars/Olympus", cut.Find("[data-testid=site-time-zone]").GetAttribute("value"));
        Assert.Equal("mon-sat 08:00-18:00", cut.Find("[data-testid=site-business-hours]").GetAttribute("value"));
        Assert.Equal("America/New_York", admin.Sites.Single().TimeZone);
    }
}
