using System.Net.Http.Json;
using System.Text.Json;
using Chat.AgentConsole.Port;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Integration;

/// <summary>Admin actions: refused for agents, limited to the admin's own sites, and effective at once.</summary>
public sealed class AdminTests : IAsyncLifetime
{
    private ChatServer _server = null!;
    private string _adminId = "";
    private string _siteId = "";

    public async Task InitializeAsync()
    {
        _server = await ChatServer.StartAsync();
        _adminId = await _server.ScalarAsync<string>("SELECT id FROM agents WHERE email = @AdminEmail", new { ChatServer.AdminEmail });
        _siteId = await _server.ScalarAsync<string>("SELECT id FROM sites WHERE site_key = @SiteKey", new { ChatServer.SiteKey });
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Every_admin_action_is_refused_for_an_agent()
    {
        var login = await _server.AddAgentAsync("Sam Small", 2);
        var samId = await _server.ScalarAsync<string>("SELECT id FROM agents WHERE email = @Email", new { login.Email });
        var admin = _server.AdminPort();
        var site = (await admin.GetSitesAsync(_adminId, CancellationToken.None)).Single();
        var account = new AgentAccount("", "eve@example.com", "Eve", null, "admin", 3, [_siteId]);

        Func<Task>[] calls =
        [
            () => admin.GetSitesAsync(samId, CancellationToken.None),
            () => admin.CreateSiteAsync(samId, site with { Name = "Mine now" }, CancellationToken.None),
            () => admin.UpdateSiteAsync(samId, site with { Name = "Mine now" }, CancellationToken.None),
            () => admin.GetAgentsAsync(samId, CancellationToken.None),
            () => admin.CreateAgentAsync(samId, account, CancellationToken.None),
            () => admin.UpdateAgentAsync(samId, account with { Id = samId, Email = login.Email }, CancellationToken.None),
            () => admin.ResetPasswordAsync(samId, _adminId, CancellationToken.None),
            () => admin.DeleteCannedReplyAsync(samId, "any", CancellationToken.None),
        ];
        foreach (var call in calls)
        {
            Assert.Equal("admin_only", (await Assert.ThrowsAsync<ConsoleActionException>(call)).Code);
        }

        Assert.Equal("Demo Shop", await _server.ScalarAsync<string>("SELECT name FROM sites"));
        Assert.Equal("agent", await _server.ScalarAsync<string>("SELECT role FROM agents WHERE id = @samId", new { samId }));
        Assert.Equal(2L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM agents"));
    }

    [Fact]
    public async Task An_admin_cannot_see_or_change_another_tenants_site_or_agents()
    {
        var other = await _server.AddSiteAsync("Other Shop", "Olga Other");
        var admin = _server.AdminPort();
        var theirSite = (await admin.GetSitesAsync(other.AdminId, CancellationToken.None)).Single();

        Assert.DoesNotContain(await admin.GetSitesAsync(_adminId, CancellationToken.None), s => s.Id == other.Id);
        Assert.DoesNotContain(await admin.GetAgentsAsync(_adminId, CancellationToken.None), a => a.Id == other.AdminId);
        var update = await Assert.ThrowsAsync<ConsoleActionException>(() =>
            admin.UpdateSiteAsync(_adminId, theirSite with { AllowedOrigins = ["https://evil.test"] }, CancellationToken.None));
        var reset = await Assert.ThrowsAsync<ConsoleActionException>(() => admin.ResetPasswordAsync(_adminId, other.AdminId, CancellationToken.None));
        var edit = await Assert.ThrowsAsync<ConsoleActionException>(() =>
            admin.UpdateAgentAsync(_adminId, new AgentAccount(other.AdminId, other.AdminEmail, "Owned", null, "agent", 1, [_siteId]), CancellationToken.None));
        var enrol = await Assert.ThrowsAsync<ConsoleActionException>(() =>
            admin.CreateAgentAsync(_adminId, new AgentAccount("", "mole@example.com", "Mole", null, "agent", 1, [other.Id]), CancellationToken.None));

        Assert.All(new[] { update, reset, edit }, e => Assert.Equal("not_found", e.Code));
        Assert.Equal("agent_sites_invalid", enrol.Code);
        Assert.Equal("", await _server.ScalarAsync<string>("SELECT allowed_origins FROM sites WHERE id = @Id", new { other.Id }));
        Assert.Equal("Olga Other", await _server.ScalarAsync<string>("SELECT name FROM agents WHERE id = @AdminId", new { other.AdminId }));
    }

    [Fact]
    public async Task A_new_agent_signs_in_with_the_password_shown_once_and_a_reset_replaces_it()
    {
        var admin = _server.AdminPort();
        var created = await admin.CreateAgentAsync(_adminId,
            new AgentAccount("", "nina@example.com", "Nina Novak", "https://cdn.example.com/nina.png", "agent", 4, [_siteId]), CancellationToken.None);
        await using (var first = await _server.OpenConsoleAsync("nina@example.com", created.Password))
        {
            Assert.Equal("https://cdn.example.com/nina.png", first.Agent.AvatarUrl);
            Assert.Equal(4, first.Agent.Capacity);
        }

        var fresh = await admin.ResetPasswordAsync(_adminId, created.Agent.Id, CancellationToken.None);

        Assert.NotEqual(created.Password, fresh);
        await Assert.ThrowsAsync<InvalidOperationException>(() => _server.OpenConsoleAsync("nina@example.com", created.Password));
        await using var second = await _server.OpenConsoleAsync("nina@example.com", fresh);
        var duplicate = await Assert.ThrowsAsync<ConsoleActionException>(() =>
            admin.CreateAgentAsync(_adminId, created.Agent with { Id = "" }, CancellationToken.None));
        Assert.Equal("email_taken", duplicate.Code);
    }

    [Fact]
    public async Task Bad_site_and_agent_settings_are_refused_with_clear_codes()
    {
        var admin = _server.AdminPort();
        var site = (await admin.GetSitesAsync(_adminId, CancellationToken.None)).Single();
        var agent = (await admin.GetAgentsAsync(_adminId, CancellationToken.None)).Single();

        async Task<string> CodeOf(Func<Task> call) => (await Assert.ThrowsAsync<ConsoleActionException>(call)).Code;

        Assert.Equal("origin_invalid", await CodeOf(() => admin.UpdateSiteAsync(_adminId, site with { AllowedOrigins = ["javascript:alert(1)"] }, CancellationToken.None)));
        Assert.Equal("origin_invalid", await CodeOf(() => admin.UpdateSiteAsync(_adminId, site with { AllowedOrigins = ["https://shop.test/path"] }, CancellationToken.None)));
        Assert.Equal("color_invalid", await CodeOf(() => admin.UpdateSiteAsync(_adminId, site with { Color = "red;background:url(x)" }, CancellationToken.None)));
        Assert.Equal("thresholds_invalid", await CodeOf(() => admin.UpdateSiteAsync(_adminId,
            site with { Thresholds = new WaitThresholds(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(2)) }, CancellationToken.None)));
        Assert.Equal("capacity_invalid", await CodeOf(() => admin.UpdateAgentAsync(_adminId, agent with { Capacity = 0 }, CancellationToken.None)));
        Assert.Equal("avatar_url_invalid", await CodeOf(() => admin.UpdateAgentAsync(_adminId, agent with { AvatarUrl = "javascript:alert(1)" }, CancellationToken.None)));
        Assert.Equal("cannot_demote_self", await CodeOf(() => admin.UpdateAgentAsync(_adminId, agent with { Role = "agent" }, CancellationToken.None)));
        Assert.Equal("Demo Shop", await _server.ScalarAsync<string>("SELECT name FROM sites"));
        Assert.Equal(5L, await _server.ScalarAsync<long>("SELECT capacity FROM agents"));
    }

    [Fact]
    public async Task Site_settings_are_saved_and_the_widget_sees_new_origins_at_once()
    {
        var admin = _server.AdminPort();
        var site = (await admin.GetSitesAsync(_adminId, CancellationToken.None)).Single();
        using var before = new HttpRequestMessage(HttpMethod.Get, $"api/sites/{ChatServer.SiteKey}/widget");
        before.Headers.Add("Origin", "https://new-shop.test");
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await _server.Http.SendAsync(before)).StatusCode);

        var saved = await admin.UpdateSiteAsync(_adminId, site with
        {
            Name = "Mug House",
            AllowedOrigins = ["https://new-shop.test/"],
            Color = "#FF6600",
            Greeting = "Welcome!",
            Thresholds = new WaitThresholds(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2)),
        }, CancellationToken.None);

        Assert.Equal(["https://new-shop.test"], saved.AllowedOrigins);
        Assert.Equal("#ff6600", saved.Color);
        Assert.Equal(ChatServer.SiteKey, saved.SiteKey);
        using var after = new HttpRequestMessage(HttpMethod.Get, $"api/sites/{ChatServer.SiteKey}/widget");
        after.Headers.Add("Origin", "https://new-shop.test");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await _server.Http.SendAsync(after)).StatusCode);

        // The console colours waits by the new thresholds.
        await using var agent = await _server.OpenConsoleAsync();
        await using var widget = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync());
        await widget.InvokeAsync("StartConversation");
        var chat = (await agent.Port.GetMyChatsAsync(agent.Agent.Id, CancellationToken.None)).Single();
        Assert.Equal(new WaitThresholds(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2)), chat.Thresholds);
    }

    [Fact]
    public async Task Business_hours_and_time_zone_are_saved_and_the_widget_is_closed_outside_them_at_once()
    {
        var admin = _server.AdminPort();
        var site = (await admin.GetSitesAsync(_adminId, CancellationToken.None)).Single();
        Assert.True((await AvailabilityAsync()).GetProperty("openNow").GetBoolean());

        // Open only on the day after tomorrow in Vienna, so now is always outside the hours.
        var vienna = TimeZoneInfo.FindSystemTimeZoneById("Europe/Vienna");
        var openDay = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, vienna).Date.AddDays(2);
        var hours = $"{openDay.DayOfWeek.ToString()[..3].ToLowerInvariant()} 09:00-17:00";
        var saved = await admin.UpdateSiteAsync(_adminId, site with { BusinessHours = $" {hours} ", TimeZone = "Europe/Vienna" }, CancellationToken.None);

        Assert.Equal(hours, saved.BusinessHours);
        Assert.Equal("Europe/Vienna", saved.TimeZone);
        var reloaded = (await admin.GetSitesAsync(_adminId, CancellationToken.None)).Single();
        Assert.Equal((hours, "Europe/Vienna"), (reloaded.BusinessHours, reloaded.TimeZone));
        var closed = await AvailabilityAsync();
        Assert.False(closed.GetProperty("openNow").GetBoolean());
        Assert.False(closed.GetProperty("online").GetBoolean());
        var opensAt = openDay.AddHours(9);
        Assert.Equal(new DateTimeOffset(opensAt, vienna.GetUtcOffset(opensAt)), closed.GetProperty("nextOpen").GetDateTimeOffset());

        async Task<ConsoleActionException> Refused(SiteSettings bad) =>
            await Assert.ThrowsAsync<ConsoleActionException>(() => admin.UpdateSiteAsync(_adminId, bad, CancellationToken.None));

        var badHours = await Refused(saved with { Name = "Changed", BusinessHours = "mon-fri 9-5" });
        Assert.Equal("business_hours_invalid", badHours.Code);
        Assert.Contains("09:00-17:00", badHours.Message, StringComparison.Ordinal);
        Assert.Equal("business_hours_invalid", (await Refused(saved with { BusinessHours = "someday 09:00-17:00" })).Code);
        Assert.Equal("time_zone_invalid", (await Refused(saved with { Name = "Changed", TimeZone = "Mars/Olympus" })).Code);
        Assert.Equal("time_zone_invalid", (await Refused(saved with { BusinessHours = "", TimeZone = "Mars/Olympus" })).Code);

        Assert.Equal(hours, await _server.ScalarAsync<string>("SELECT business_hours FROM sites WHERE id = @_siteId", new { _siteId }));
        Assert.Equal("Europe/Vienna", await _server.ScalarAsync<string>("SELECT time_zone FROM sites WHERE id = @_siteId", new { _siteId }));
        Assert.Equal("Demo Shop", await _server.ScalarAsync<string>("SELECT name FROM sites WHERE id = @_siteId", new { _siteId }));
        Assert.False((await AvailabilityAsync()).GetProperty("openNow").GetBoolean());

        // Emptying the hours opens the site again, at once.
        await admin.UpdateSiteAsync(_adminId, saved with { BusinessHours = "" }, CancellationToken.None);
        Assert.True((await AvailabilityAsync()).GetProperty("openNow").GetBoolean());
    }

    [Fact]
    public async Task A_raised_capacity_applies_at_once_to_a_signed_in_agent()
    {
        var login = await _server.AddAgentAsync("Sam Small", 1);
        await using var sam = await _server.OpenConsoleAsync(login.Email, login.Password);
        await using var first = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync("First"));
        await using var second = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync("Second"));
        await first.InvokeAsync("StartConversation");
        var waiting = await second.InvokeAsync("StartConversation");
        Assert.Equal("queued", waiting.GetProperty("status").GetString());

        var admin = _server.AdminPort();
        var account = (await admin.GetAgentsAsync(_adminId, CancellationToken.None)).Single(a => a.Id == sam.Agent.Id);
        await admin.UpdateAgentAsync(_adminId, account with { Capacity = 2 }, CancellationToken.None);

        var assigned = await second.WaitForEventAsync("conversation", c => c.GetProperty("status").GetString() == "open");
        Assert.Equal("Sam Small", assigned.GetProperty("agentName").GetString());
    }

    private async Task<JsonElement> AvailabilityAsync() =>
        await _server.Http.GetFromJsonAsync<JsonElement>($"api/sites/{ChatServer.SiteKey}/availability");
}
