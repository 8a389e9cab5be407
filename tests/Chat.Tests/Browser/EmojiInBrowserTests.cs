using Chat.AgentConsole.Port;
using Chat.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chat.Tests.Browser;

/// <summary>Emoji both ways: the widget's picker (fetched on first use) and the console's picker and shortcodes.</summary>
[Collection(BrowserCollection.Name)]
public sealed class EmojiInBrowserTests(Chromium chromium) : IAsyncLifetime
{
    private ChatServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_visitor_picks_an_emoji_and_the_agent_answers_with_a_shortcode_and_the_picker()
    {
        await using var agentContext = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var console = await agentContext.NewPageAsync();
        await Pages.SignInAsync(console, _server);
        await using var ana = await Pages.NewVisitorAsync(chromium.Browser, _server, "Ana Lima");

        // The picker's code is not part of the frame: it is fetched when first opened.
        var fetched = ana.Shop.WaitForResponseAsync(r => r.Url.EndsWith("/widget/lazy/emoji.js", StringComparison.Ordinal));
        await ana.Widget.GetByTestId("composer").FillAsync("Thanks ");
        await ana.Widget.GetByTestId("emoji-button").ClickAsync();
        Assert.Equal(200, (await fetched).Status);
        await ana.Widget.GetByTestId("emoji-option").Filter(new() { HasText = "🙏" }).ClickAsync();
        await Expect(ana.Widget.GetByTestId("emoji-grid")).ToBeHiddenAsync();
        await Expect(ana.Widget.GetByTestId("composer")).ToHaveValueAsync("Thanks 🙏");
        await ana.Widget.GetByTestId("composer").PressAsync("Enter");

        await Expect(console.GetByTestId("pane-customer")).ToHaveTextAsync("Ana Lima");
        await Expect(console.GetByTestId("message-text").Last).ToHaveTextAsync("Thanks 🙏");

        await console.GetByTestId("composer").PressSequentiallyAsync("You're welcome :smile: ");
        await Expect(console.GetByTestId("composer")).ToHaveValueAsync("You're welcome 😄 ");
        await console.GetByTestId("emoji-button").ClickAsync();
        await console.GetByTestId("emoji-option").Filter(new() { HasText = "🎉" }).ClickAsync();
        await Expect(console.GetByTestId("composer")).ToHaveValueAsync("You're welcome 😄 🎉");
        await console.ScreenshotAsync(new() { Path = Pages.ScreenshotPath("emoji-console.png") });
        await console.GetByTestId("send").ClickAsync();

        await Expect(Pages.AgentReplies(ana.Widget).Last).ToHaveTextAsync("You're welcome 😄 🎉");
        await ana.Widget.GetByTestId("emoji-button").ClickAsync();
        await Expect(ana.Widget.GetByTestId("emoji-grid")).ToBeVisibleAsync();
        await ana.Shop.ScreenshotAsync(new() { Path = Pages.ScreenshotPath("emoji-widget.png") });
    }
}
