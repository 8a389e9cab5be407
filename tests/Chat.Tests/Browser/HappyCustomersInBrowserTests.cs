using Chat.AgentConsole.Port;
using Chat.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chat.Tests.Browser;

/// <summary>Listening openly and asking happy customers, as a visitor sees them in the widget.</summary>
[Collection(BrowserCollection.Name)]
public sealed class HappyCustomersInBrowserTests(Chromium chromium) : IAsyncLifetime
{
    private ChatServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_visitor_is_told_their_typing_is_seen_and_after_five_stars_is_offered_the_review_link()
    {
        await using var agent = await _server.OpenConsoleAsync();
        var admin = _server.AdminPort();
        var site = (await admin.GetSitesAsync(agent.Agent.Id, CancellationToken.None)).Single(s => s.SiteKey == ChatServer.SiteKey);
        await admin.UpdateSiteAsync(agent.Agent.Id, site with { ReviewUrl = "https://reviews.example.com/demo-shop" }, CancellationToken.None);

        await using var visitor = await Pages.NewVisitorAsync(chromium.Browser, _server, "Ana Lima");
        await Expect(visitor.Widget.GetByTestId("typing-visible")).ToHaveTextAsync("We see what you type before you send it.");
        await Pages.SendAsync(visitor.Widget.Locator("body"), "Thanks, all good!");
        var conversationId = (await agent.WaitForAsync<MessagePosted>(m => m.Message.Text == "Thanks, all good!")).Message.ConversationId;
        await agent.Port.ResolveAsync(agent.Agent.Id, conversationId, CancellationToken.None);

        await visitor.Widget.GetByTestId("rate-5").ClickAsync();
        await visitor.Widget.GetByTestId("rate-submit").ClickAsync();

        await Expect(visitor.Widget.GetByTestId("review")).ToContainTextAsync("Glad we could help! Would you tell others?");
        await Expect(visitor.Widget.GetByTestId("review-link")).ToHaveAttributeAsync("href", "https://reviews.example.com/demo-shop");
        await Expect(visitor.Widget.GetByTestId("review-link")).ToHaveAttributeAsync("rel", "noopener noreferrer");
        await visitor.Shop.ScreenshotAsync(new() { Path = Pages.ScreenshotPath("review-link-widget.png") });
    }
}
