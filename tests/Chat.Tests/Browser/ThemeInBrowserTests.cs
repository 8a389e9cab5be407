using Chat.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Chat.Tests.Browser;

/// <summary>The site's theme settings shape the widget on the shop's page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ThemeInBrowserTests(Chromium chromium) : IAsyncLifetime
{
    private ChatServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatServer.StartAsync("--Chat:Demo:LauncherPosition=left");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_site_set_to_the_left_gets_its_launcher_and_chat_on_the_left_in_its_colour_with_its_greeting()
    {
        await using var agent = await _server.OpenConsoleAsync();
        await using var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(_server.BaseUrl.ToString());
        await Pages.OpenWidgetAsync(page);

        var launcher = (await page.GetByTestId("launcher").BoundingBoxAsync())!;
        var panel = (await page.Locator("iframe[data-testid=frame]").BoundingBoxAsync())!;
        Assert.Equal(20, (int)launcher.X);
        Assert.Equal(20, (int)panel.X);
        Assert.Equal("rgb(79, 70, 229)", await page.GetByTestId("launcher").EvaluateAsync<string>("b => getComputedStyle(b).backgroundColor"));
        await Expect(Pages.Widget(page).GetByTestId("greeting")).ToHaveTextAsync("Hi! How can we help you today?");
    }
}
