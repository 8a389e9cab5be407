using Chat.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chat.Tests.Browser;

/// <summary>The first run as a new user meets it in the browser: the shop says to sign in first, and no page misses its icon.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FirstRunInBrowserTests(Chromium chromium) : IAsyncLifetime
{
    private ChatServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_shop_says_to_sign_in_first_while_nobody_is_online_and_every_page_finds_its_icon()
    {
        var missing = new List<string>();
        await using var shopContext = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        shopContext.Response += (_, response) =>
        {
            if (response.Status == 404)
            {
                lock (missing)
                {
                    missing.Add(response.Url);
                }
            }
        };
        var shop = await shopContext.NewPageAsync();
        await shop.GotoAsync(_server.BaseUrl.ToString());
        await Expect(shop.GetByTestId("demo-nobody-online")).ToContainTextAsync("Sign in to the console first");
        await Pages.OpenWidgetAsync(shop);
        await Expect(Pages.Widget(shop).GetByTestId("away")).ToBeVisibleAsync();
        await shop.ScreenshotAsync(new() { Path = Pages.ScreenshotPath("first-run-shop-nobody-online.png") });

        var console = await shopContext.NewPageAsync();
        await Pages.SignInAsync(console, _server);

        await shop.ReloadAsync();
        await Expect(shop.GetByTestId("launcher")).ToBeVisibleAsync();
        await Expect(shop.GetByTestId("demo-nobody-online")).ToHaveCountAsync(0);
        // The widget stays open across the reload, and now offers a live chat.
        await Expect(shop.Locator("iframe[data-testid=frame]")).ToBeVisibleAsync();
        await Expect(Pages.Widget(shop).GetByTestId("prechat-name")).ToBeVisibleAsync();

        var icon = await shopContext.APIRequest.GetAsync(new Uri(_server.BaseUrl, "favicon.ico").ToString());
        Assert.Equal(200, icon.Status);
        Assert.Equal("image/x-icon", icon.Headers["content-type"]);
        Assert.Equal("image/svg+xml", await shop.Locator("link[rel=icon]").GetAttributeAsync("type"));
        Assert.Equal("image/svg+xml", await console.Locator("link[rel=icon]").GetAttributeAsync("type"));
        lock (missing)
        {
            Assert.Empty(missing);
        }
    }
}
