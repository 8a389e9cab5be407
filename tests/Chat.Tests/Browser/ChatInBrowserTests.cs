using Chat.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chat.Tests.Browser;

/// <summary>The real widget on the demo shop and the real console, in Chromium, talking to each other.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ChatInBrowserTests(Chromium chromium) : IAsyncLifetime
{
    private ChatServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Visitor_and_agent_exchange_messages_with_names_and_a_reload_keeps_the_history()
    {
        await using var agentContext = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        await using var visitorContext = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var console = await agentContext.NewPageAsync();
        var shop = await visitorContext.NewPageAsync();

        await Pages.SignInAsync(console, _server);

        // The visitor opens the widget on the shop page and gives a name.
        await shop.GotoAsync(_server.BaseUrl.ToString());
        await Pages.OpenWidgetAsync(shop);
        var widget = Pages.Widget(shop);
        await widget.GetByTestId("prechat-name").FillAsync("Ana Lima");
        await widget.GetByTestId("prechat-submit").ClickAsync();
        await Pages.SendAsync(widget.Locator("body"), "Hello, is the sunrise mug in stock?");

        // The agent gets the chat with the customer's name, and the message.
        var row = console.GetByTestId("chat-row").Filter(new() { HasText = "Ana Lima" });
        await Expect(row).ToBeVisibleAsync();
        await row.ClickAsync();
        await Expect(console.GetByTestId("pane-customer")).ToHaveTextAsync("Ana Lima");
        // The widget reported the page the visitor is on; the agent sees it beside the chat.
        await Expect(console.GetByTestId("customer-page")).ToContainTextAsync("Demo Shop");
        var visitorMessage = console.GetByTestId("message").Filter(new() { HasText = "sunrise mug" });
        await Expect(visitorMessage.GetByTestId("message-author")).ToHaveTextAsync("Ana Lima");

        // The agent answers; the visitor sees the reply under the agent's name.
        await Pages.SendAsync(console.Locator("body"), "Hi Ana! Yes, we have three left.");
        var reply = widget.Locator("[data-testid=message][data-sender=agent]").Filter(new() { HasText = "three left" });
        await Expect(reply).ToBeVisibleAsync();
        await Expect(reply.GetByTestId("message-author")).ToHaveTextAsync("Alex Admin");
        await Expect(widget.GetByTestId("agent-name")).ToContainTextAsync("Alex Admin");
        await console.ScreenshotAsync(new() { Path = Pages.ScreenshotPath("console.png") });
        await shop.ScreenshotAsync(new() { Path = Pages.ScreenshotPath("widget.png") });

        // A reload keeps the conversation: greeted by name, both messages still there.
        await shop.ReloadAsync();
        // The loader draws the launcher and restores the remembered open state in one step; only then is the state worth reading.
        await Expect(shop.GetByTestId("launcher")).ToBeVisibleAsync();
        if (!await shop.Locator("iframe[data-testid=frame]").IsVisibleAsync())
        {
            await Pages.OpenWidgetAsync(shop);
        }

        widget = Pages.Widget(shop);
        await Expect(widget.GetByTestId("greeting")).ToContainTextAsync("Ana Lima");
        await Expect(widget.GetByTestId("message-text")).ToHaveTextAsync(["Hello, is the sunrise mug in stock?", "Hi Ana! Yes, we have three left."]);

        // And it continues after the reload.
        await Pages.SendAsync(widget.Locator("body"), "Great, thanks!");
        await Expect(console.GetByTestId("message-text").Last).ToHaveTextAsync("Great, thanks!");

        // The agent resolves; the visitor rates the chat, and the rating is stored on it.
        await console.GetByTestId("resolve").ClickAsync();
        await widget.GetByTestId("rate-4").ClickAsync();
        await widget.GetByTestId("rate-comment").FillAsync("Fast answer");
        await widget.GetByTestId("rate-submit").ClickAsync();
        await Expect(widget.GetByTestId("rated")).ToBeVisibleAsync();
        Assert.Equal(4L, await _server.ScalarAsync<long>("SELECT rating FROM conversations"));
        Assert.Equal("Fast answer", await _server.ScalarAsync<string>("SELECT rating_comment FROM conversations"));
    }
}
