using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chat.AgentConsole.Port;
using Chat.Server.Agents;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Integration;

/// <summary>
/// Names and page titles cannot reorder themselves: direction overrides and isolates are taken
/// out before they are stored, so "abc‮gnp.exe" is kept as "abcgnp.exe" (messages keep theirs,
/// shown rather than obeyed; see BidiInBrowserTests).
/// </summary>
public sealed class LabelSpoofingTests : IAsyncLifetime
{
    private const string Spoof = "abc\u202Egnp.exe";
    private ChatServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_visitors_name_and_page_title_are_stored_without_direction_overrides()
    {
        var visitor = await _server.NewVisitorAsync($"Ana {Spoof}");
        Assert.Equal("Ana abcgnp.exe", await _server.ScalarAsync<string>("SELECT name FROM customers WHERE id = @CustomerId", new { visitor.CustomerId }));

        await using var widget = await _server.ConnectVisitorAsync(visitor);
        await widget.InvokeAsync("ReportPage", new { url = "https://shop.test/", title = $"\u2067Basket\u2069 {Spoof}", timeZone = "UTC" });
        Assert.Equal("Basket abcgnp.exe", await _server.ScalarAsync<string>("SELECT page_title FROM customers WHERE id = @CustomerId", new { visitor.CustomerId }));

        // A name made only of overrides is no name.
        var empty = await _server.Http.PostAsJsonAsync("api/visitors", new { siteKey = ChatServer.SiteKey, name = "\u202E\u202D\u2066", email = (string?)null });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("name_required", (await empty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Agent_and_site_names_are_stored_without_direction_overrides()
    {
        await using var console = await _server.OpenConsoleAsync();
        var admin = _server.AdminPort();
        var site = (await admin.GetSitesAsync(console.Agent.Id, CancellationToken.None)).Single();

        var saved = await admin.UpdateSiteAsync(console.Agent.Id, site with { Name = $"Shop {Spoof}" }, CancellationToken.None);
        Assert.Equal("Shop abcgnp.exe", saved.Name);
        var created = await admin.CreateAgentAsync(console.Agent.Id, new AgentAccount("", "eve@example.com", $"Eve {Spoof}", null, AgentRoles.Agent, 2, [site.Id]), CancellationToken.None);
        Assert.Equal("Eve abcgnp.exe", created.Agent.Name);
    }
}
