using Chat.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chat.Tests.Browser;

/// <summary>
/// A right-to-left override in a message is shown, not obeyed, and the text isolated, in the
/// widget and the console: it cannot make "gnp.exe" read as "exe.png", nor reorder what is around it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BidiInBrowserTests(Chromium chromium) : IAsyncLifetime
{
    private const string Spoof = "invoice abc\u202Egnp.exe";

    private ChatServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_right_to_left_override_is_rendered_isolated_in_widget_and_console()
    {
        await using var agentContext = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var console = await agentContext.NewPageAsync();
        await Pages.SignInAsync(console, _server);
        await using var visitor = await Pages.NewVisitorAsync(chromium.Browser, _server, "Ana\u202E Lima");
        await Pages.SendAsync(visitor.Widget.Locator("body"), Spoof);

        var inConsole = console.GetByTestId("message-text").Filter(new() { HasText = "invoice" });
        await Expect(inConsole).ToHaveCountAsync(1);
        Assert.Equal("BDI", await inConsole.EvaluateAsync<string>("e => e.tagName"));
        // The override is shown as a mark, not obeyed: the name of the file reads as it really is.
        await Expect(inConsole).ToHaveTextAsync("invoice abc\uFFFDgnp.exe");
        await Expect(console.GetByTestId("chat-preview")).ToHaveTextAsync("invoice abc\uFFFDgnp.exe");
        Assert.Equal("isolate", await inConsole.EvaluateAsync<string>("e => getComputedStyle(e).unicodeBidi"));
        Assert.Equal("isolate", await console.GetByTestId("pane-customer").EvaluateAsync<string>("e => getComputedStyle(e).unicodeBidi"));
        await console.ScreenshotAsync(new() { Path = Pages.ScreenshotPath("bidi-console.png") });

        var inWidget = visitor.Widget.GetByTestId("message-text").Filter(new() { HasText = "invoice" });
        await Expect(inWidget).ToHaveCountAsync(1);
        Assert.Equal("isolate", await inWidget.EvaluateAsync<string>("e => getComputedStyle(e).unicodeBidi"));
        Assert.Equal(1, await inWidget.Locator("bdi").CountAsync());
        await Expect(inWidget).ToHaveTextAsync("invoice abc\uFFFDgnp.exe");
        await visitor.Shop.ScreenshotAsync(new() { Path = Pages.ScreenshotPath("bidi-widget.png") });
    }
}
