using Chat.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chat.Tests.Browser;

/// <summary>An agent who sets Away stays away: after a reload and in another browser.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PresenceInBrowserTests(Chromium chromium) : IAsyncLifetime
{
    private ChatServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Away_survives_a_reload_and_holds_on_another_device()
    {
        await using var laptop = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var console = await laptop.NewPageAsync();
        await Pages.SignInAsync(console, _server);
        await Expect(console.GetByTestId("presence")).ToHaveValueAsync("Online");

        await console.GetByTestId("presence").SelectOptionAsync("Away");
        await WaitUntilStoredAsync("away");

        await console.ReloadAsync();
        await Expect(console.GetByTestId("presence")).ToBeEnabledAsync();
        await Expect(console.GetByTestId("presence")).ToHaveValueAsync("Away");
        await console.ScreenshotAsync(new() { Path = Pages.ScreenshotPath("presence-away-after-reload.png") });

        await using var phone = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var second = await phone.NewPageAsync();
        await Pages.SignInAsync(second, _server);
        await Expect(second.GetByTestId("presence")).ToHaveValueAsync("Away");

        // Nobody chose to be online, so a visitor is offered to leave a message instead of a live chat.
        await using var shopContext = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var shop = await shopContext.NewPageAsync();
        await shop.GotoAsync(_server.BaseUrl.ToString());
        await Pages.OpenWidgetAsync(shop);
        await Expect(Pages.Widget(shop).GetByTestId("away")).ToBeVisibleAsync();
    }

    /// <summary>The choice reaches the server over the circuit; a reload before that would outrun it.</summary>
    private async Task WaitUntilStoredAsync(string presence)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (await _server.ScalarAsync<string>("SELECT presence FROM agents WHERE email = @AdminEmail", new { ChatServer.AdminEmail }) != presence)
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
