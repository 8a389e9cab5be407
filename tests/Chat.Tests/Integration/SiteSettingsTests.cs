using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Integration;

/// <summary>A site's widget settings reach the loader, the frame and the pre-chat form.</summary>
public sealed class SiteSettingsTests : IAsyncLifetime
{
    private ChatServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatServer.StartAsync("--Chat:Demo:EmailRequired=true", "--Chat:Demo:LauncherPosition=left");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_launcher_position_reaches_the_loader()
    {
        var settings = await _server.Http.GetFromJsonAsync<JsonElement>($"api/sites/{ChatServer.SiteKey}/widget");

        Assert.Equal("left", settings.GetProperty("position").GetString());
    }

    [Fact]
    public async Task A_site_that_requires_an_email_gets_one_on_the_pre_chat_form()
    {
        var frame = await _server.Http.GetStringAsync($"widget/frame?site={ChatServer.SiteKey}");
        var without = await _server.Http.PostAsJsonAsync("api/visitors", new { siteKey = ChatServer.SiteKey, name = "Ana" });
        var with = await _server.Http.PostAsJsonAsync("api/visitors", new { siteKey = ChatServer.SiteKey, name = "Ana", email = "ana@example.com" });

        Assert.Contains("data-email-required=\"true\"", frame);
        Assert.Equal(HttpStatusCode.BadRequest, without.StatusCode);
        Assert.Equal("email_required", (await without.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
        Assert.Equal(1L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM customers"));
    }
}
