using Chat.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Chat.Tests.Browser;

/// <summary>What a visitor and an agent do with their hands, named once.</summary>
public static class Pages
{
    /// <summary>The widget's frame inside the loader's (open) shadow root on the shop page.</summary>
    public static IFrameLocator Widget(IPage shop) => shop.FrameLocator("iframe[data-testid=frame]");

    public static async Task OpenWidgetAsync(IPage shop)
    {
        await shop.GetByTestId("launcher").ClickAsync();
        await Assertions.Expect(shop.Locator("iframe[data-testid=frame]")).ToBeVisibleAsync();
    }

    public static async Task SignInAsync(IPage console, ChatServer server, string email = ChatServer.AdminEmail, string password = ChatServer.AdminPassword)
    {
        await console.GotoAsync(new Uri(server.BaseUrl, "console").ToString());
        await console.GetByTestId("login-email").FillAsync(email);
        await console.GetByTestId("login-password").FillAsync(password);
        await console.GetByTestId("login-submit").ClickAsync();
        // The presence control is enabled once the console is connected and the agent online.
        await Assertions.Expect(console.GetByTestId("presence")).ToBeEnabledAsync();
    }

    public static async Task SendAsync(ILocator composerScope, string text)
    {
        var composer = composerScope.GetByTestId("composer");
        await composer.FillAsync(text);
        await composer.PressAsync("Enter");
    }

    public static string ScreenshotPath(string name)
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name);
    }

    /// <summary>A visitor in a browser of their own: the demo shop, the widget open, the pre-chat form sent.</summary>
    public static async Task<ShopVisitor> NewVisitorAsync(IBrowser browser, ChatServer server, string name, string? timeZone = null)
    {
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 }, TimezoneId = timeZone });
        var shop = await context.NewPageAsync();
        await shop.GotoAsync(server.BaseUrl.ToString());
        await OpenWidgetAsync(shop);
        var widget = Widget(shop);
        await widget.GetByTestId("prechat-name").FillAsync(name);
        await widget.GetByTestId("prechat-submit").ClickAsync();
        await Assertions.Expect(widget.GetByTestId("composer")).ToBeVisibleAsync();
        return new ShopVisitor(context, shop, widget);
    }

    /// <summary>The texts of the agent's replies as the visitor sees them in the widget.</summary>
    public static ILocator AgentReplies(IFrameLocator widget) =>
        widget.Locator("[data-testid=message][data-sender=agent] [data-testid=message-text]");
}

/// <summary>One visitor's browser context, shop page and widget frame.</summary>
public sealed record ShopVisitor(IBrowserContext Context, IPage Shop, IFrameLocator Widget) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Context.DisposeAsync();
}
