using Chat.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chat.Tests.Browser;

/// <summary>A promise as agent and visitor see it: set in the console, shown in the widget, kept.</summary>
[Collection(BrowserCollection.Name)]
public sealed class NextActionsInBrowserTests(Chromium chromium) : IAsyncLifetime
{
    private ChatServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task An_agent_sets_a_next_action_the_visitor_sees_it_and_is_told_when_it_is_kept()
    {
        await using var agentContext = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var console = await agentContext.NewPageAsync();
        await Pages.SignInAsync(console, _server);
        await using var visitor = await Pages.NewVisitorAsync(chromium.Browser, _server, "Ana Lima");
        await Pages.SendAsync(visitor.Widget.Locator("body"), "Where is my parcel?");
        await console.GetByTestId("chat-row").Filter(new() { HasText = "Ana Lima" }).ClickAsync();

        await console.GetByTestId("next-action-add").ClickAsync();
        await console.GetByTestId("next-action-what").FillAsync("email you the tracking number");
        var due = DateTimeOffset.UtcNow.AddHours(3);
        await console.GetByTestId("next-action-due").FillAsync(due.ToString("yyyy-MM-dd'T'HH:00", System.Globalization.CultureInfo.InvariantCulture));
        await console.GetByTestId("next-action-save").ClickAsync();

        // The console lists it as due; the visitor reads who will do what by when.
        await Expect(console.GetByTestId("next-action")).ToContainTextAsync("Alex Admin will email you the tracking number");
        await Expect(console.GetByTestId("due-row")).ToContainTextAsync("Alex Admin will email you the tracking number");
        var promise = visitor.Widget.GetByTestId("promise");
        await Expect(promise).ToContainTextAsync("Alex Admin will email you the tracking number by ");
        await Expect(promise).ToHaveAttributeAsync("data-kept", "false");
        await console.ScreenshotAsync(new() { Path = Pages.ScreenshotPath("next-action-console.png") });
        await visitor.Shop.ScreenshotAsync(new() { Path = Pages.ScreenshotPath("next-action-widget.png") });

        // Kept: the agent says what was done; the visitor is told, and the Due list empties.
        await console.GetByTestId("next-action-done").ClickAsync();
        await console.GetByTestId("next-action-outcome").FillAsync("Sent the tracking number by email: 1Z999AA10123456784");
        await console.GetByTestId("next-action-keep").ClickAsync();
        await Expect(promise).ToHaveTextAsync("Done: Sent the tracking number by email: 1Z999AA10123456784 (Alex Admin)");
        await Expect(promise).ToHaveAttributeAsync("data-kept", "true");
        await Expect(console.GetByTestId("due-empty")).ToBeVisibleAsync();
        await visitor.Shop.ScreenshotAsync(new() { Path = Pages.ScreenshotPath("next-action-kept-widget.png") });

        // A reload keeps it.
        await visitor.Shop.ReloadAsync();
        await Expect(visitor.Shop.GetByTestId("launcher")).ToBeVisibleAsync();
        if (!await visitor.Shop.Locator("iframe[data-testid=frame]").IsVisibleAsync())
        {
            await Pages.OpenWidgetAsync(visitor.Shop);
        }

        await Expect(Pages.Widget(visitor.Shop).GetByTestId("promise")).ToHaveAttributeAsync("data-kept", "true");
    }
}
