using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Integration;

/// <summary>Where the shop's origin is checked: the loader's CORS request and the frame's frame-ancestors.</summary>
public sealed class WidgetEndpointTests : IAsyncLifetime
{
    private ChatServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task An_allowed_shop_gets_the_settings_with_cors_headers_for_its_origin()
    {
        var response = await SettingsFrom(ChatServer.AllowedShopOrigin);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ChatServer.AllowedShopOrigin, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var settings = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Demo Shop", settings.GetProperty("name").GetString());
        Assert.EndsWith($"/widget/frame?site={ChatServer.SiteKey}", settings.GetProperty("frameUrl").GetString());
        Assert.Equal("#4f46e5", settings.GetProperty("color").GetString());
        Assert.Equal("right", settings.GetProperty("position").GetString());
    }

    [Fact]
    public async Task A_shop_that_is_not_allowed_is_refused_with_a_reason()
    {
        var response = await SettingsFrom("http://evil.test");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("origin_not_allowed", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_frame_may_be_embedded_only_by_the_sites_allowed_origins()
    {
        var response = await _server.Http.GetAsync($"widget/frame?site={ChatServer.SiteKey}");

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains($"frame-ancestors 'self' {ChatServer.AllowedShopOrigin};", csp);
        Assert.Equal(HttpStatusCode.NotFound, (await _server.Http.GetAsync("widget/frame?site=nope")).StatusCode);
    }

    [Fact]
    public async Task The_demo_shop_embeds_the_widget_with_one_script_tag()
    {
        var html = await _server.Http.GetStringAsync("/");

        Assert.Contains($"""<script src="/widget.js" data-site="{ChatServer.SiteKey}" async></script>""", html);
    }

    private Task<HttpResponseMessage> SettingsFrom(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"api/sites/{ChatServer.SiteKey}/widget");
        request.Headers.Add("Origin", origin);
        return _server.Http.SendAsync(request);
    }
}
