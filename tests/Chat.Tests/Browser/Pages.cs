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
        // The presence control appears once the interactive console is live.
        await Assertions.Expect(console.GetByTestId("presence")).ToBeVisibleAsync();
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
}
