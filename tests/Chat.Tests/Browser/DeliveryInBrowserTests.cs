using System.Text.RegularExpressions;
using Chat.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chat.Tests.Browser;

/// <summary>A visitor is never held up by an agent's console, not even one whose browser died.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class DeliveryInBrowserTests(Chromium chromium) : IAsyncLifetime
{
    private ChatServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [GeneratedRegex(@"\bsent\b")]
    private static partial Regex Sent();

    [Fact]
    public async Task When_one_of_an_agents_two_browsers_is_killed_the_visitor_is_answered_at_once_in_the_other()
    {
        // One agent with two consoles open, each in a browser process of its own.
        await using var liveContext = await chromium.Browser.NewContextAsync();
        var live = await liveContext.NewPageAsync();
        await Pages.SignInAsync(live, _server);
        await using (var doomed = await SeparateBrowser.LaunchAsync())
        {
            var dying = await (await doomed.Browser.NewContextAsync()).NewPageAsync();
            await Pages.SignInAsync(dying, _server);

            // The browser is killed, not closed: its console never says goodbye.
            doomed.Kill();
        }

        await using var visitor = await Pages.NewVisitorAsync(chromium.Browser, _server, "Dana Weiss");
        var sentByVisitor = visitor.Widget.Locator("[data-testid=message][data-sender=visitor]");
        for (var i = 1; i <= 5; i++)
        {
            var text = $"Message {i} about my order";
            await Pages.SendAsync(visitor.Widget.Locator("body"), text);

            // Acknowledged (no "sending" or "will send when back online"), and shown in the console still alive.
            var mine = sentByVisitor.Filter(new() { HasText = text });
            await Expect(mine).ToHaveClassAsync(Sent(), new() { Timeout = 5_000 });
            await Expect(live.GetByTestId("message-text").Filter(new() { HasText = text })).ToHaveCountAsync(1);
        }

        await Expect(sentByVisitor).ToHaveCountAsync(5);
        await Expect(visitor.Widget.GetByTestId("delivery")).ToHaveCountAsync(0);
        await live.ScreenshotAsync(new() { Path = Pages.ScreenshotPath("delivery-after-killed-console.png") });
    }
}
