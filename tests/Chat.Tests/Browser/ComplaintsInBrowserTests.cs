using Chat.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chat.Tests.Browser;

/// <summary>A low rating as the visitor and the agent see it: thanked at once, followed up first.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ComplaintsInBrowserTests(Chromium chromium) : IAsyncLifetime
{
    private ChatServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_visitor_who_rates_low_is_thanked_at_once_and_the_agent_finds_the_follow_up_first_in_the_due_list()
    {
        await using var agentContext = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var console = await agentContext.NewPageAsync();
        await Pages.SignInAsync(console, _server);
        await using var visitor = await Pages.NewVisitorAsync(chromium.Browser, _server, "Ana Lima");
        await Pages.SendAsync(visitor.Widget.Locator("body"), "My mug arrived broken.");
        await console.GetByTestId("chat-row").Filter(new() { HasText = "Ana Lima" }).ClickAsync();
        await console.GetByTestId("resolve").ClickAsync();

        await visitor.Widget.GetByTestId("rate-1").ClickAsync();
        await visitor.Widget.GetByTestId("rate-comment").FillAsync("Nobody offered a replacement");
        await visitor.Widget.GetByTestId("rate-submit").ClickAsync();

        await Expect(visitor.Widget.GetByTestId("rated")).ToHaveTextAsync("Thank you for telling us, and we are sorry it was not good. We will put it right.");
        await Expect(visitor.Widget.GetByTestId("promise")).ToContainTextAsync("Alex Admin will get back to you about this by ");
        await visitor.Shop.ScreenshotAsync(new() { Path = Pages.ScreenshotPath("complaint-widget-thanks.png") });

        var row = console.GetByTestId("due-row").First;
        await Expect(row.GetByTestId("due-label")).ToContainTextAsync("Complaint · Due · tomorrow");
        await Expect(console.GetByTestId("next-action-complaint")).ToHaveTextAsync("Complaint: thank them, fix it, follow up");
        await console.ScreenshotAsync(new() { Path = Pages.ScreenshotPath("complaint-console-due.png") });
    }
}
