using Chat.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chat.Tests.Browser;

/// <summary>The reply coach and the mood cue as an agent meets them in the console.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CoachInBrowserTests(Chromium chromium) : IAsyncLifetime
{
    private ChatServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task An_upset_customer_is_flagged_and_the_coach_advises_on_the_reply_and_offers_a_next_action()
    {
        await using var agentContext = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var console = await agentContext.NewPageAsync();
        await Pages.SignInAsync(console, _server);
        await using var visitor = await Pages.NewVisitorAsync(chromium.Browser, _server, "Ana Lima");
        await Pages.SendAsync(visitor.Widget.Locator("body"), "This is the third time I ask where my order is!!");

        var row = console.GetByTestId("chat-row").Filter(new() { HasText = "Ana Lima" });
        await Expect(row.GetByTestId("mood-cue")).ToHaveTextAsync("sounds upset");
        await Expect(row).ToHaveAttributeAsync("data-urgency", "warn");
        await row.ClickAsync();

        var composer = console.GetByTestId("composer");
        await composer.PressSequentiallyAsync("I'm sorry you feel that way, we're really busy. I'll get back to you");
        var hints = console.GetByTestId("coach-hint");
        await Expect(hints).ToHaveCountAsync(4);
        await console.ScreenshotAsync(new() { Path = Pages.ScreenshotPath("coach-console.png") });

        await console.GetByTestId("coach-set-next-action").ClickAsync();
        await Expect(console.GetByTestId("next-action-form")).ToBeVisibleAsync();
        await Expect(hints).ToHaveCountAsync(3);
        await console.Locator("[data-testid=coach-hint][data-rule=own_problems] [data-testid=coach-dismiss]").ClickAsync();
        await Expect(hints).ToHaveCountAsync(2);

        // Advice only: the reply goes as written.
        await console.GetByTestId("send").ClickAsync();
        await Expect(Pages.AgentReplies(visitor.Widget)).ToHaveTextAsync(["I'm sorry you feel that way, we're really busy. I'll get back to you"]);
    }
}
