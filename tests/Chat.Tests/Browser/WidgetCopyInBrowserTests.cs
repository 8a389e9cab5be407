using Chat.AgentConsole.Port;
using Chat.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chat.Tests.Browser;

/// <summary>What the widget says and shows at the turns of a chat, as a visitor reads it on the demo shop.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WidgetCopyInBrowserTests(Chromium chromium) : IAsyncLifetime
{
    private ChatServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private Task<IBrowserContext> VisitorContextAsync() =>
        chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });

    [Fact]
    public async Task A_first_time_visitor_who_leaves_a_message_is_not_welcomed_back_and_is_told_once_how_the_answer_comes()
    {
        await using var context = await VisitorContextAsync();
        var shop = await context.NewPageAsync();
        await shop.GotoAsync(_server.BaseUrl.ToString());
        await Pages.OpenWidgetAsync(shop);
        var widget = Pages.Widget(shop);
        await widget.GetByTestId("away-name").FillAsync("Ana Lima");
        await widget.GetByTestId("away-email").FillAsync("ana@example.com");
        await widget.GetByTestId("away-text").FillAsync("Do you ship to Austria?");
        await widget.GetByTestId("away-submit").ClickAsync();

        await Expect(widget.GetByTestId("message-text")).ToHaveTextAsync(["Do you ship to Austria?"]);
        await Expect(widget.GetByTestId("follow-up")).ToHaveTextAsync(
            "We have your message and will answer by email at ana@example.com as soon as someone is back.");
        await Expect(widget.GetByTestId("greeting")).ToHaveTextAsync("Hi! How can we help you today?");
        await shop.ScreenshotAsync(new() { Path = Pages.ScreenshotPath("widget-message-left.png") });
    }

    [Fact]
    public async Task After_resolve_the_agent_s_last_reply_stays_in_view_above_the_rating_and_the_header_speaks_in_the_past()
    {
        await using var agent = await _server.OpenConsoleAsync();
        await using var ana = await Pages.NewVisitorAsync(chromium.Browser, _server, "Ana Lima");
        await Pages.SendAsync(ana.Widget.Locator("body"), "Do the mugs go in the dishwasher?");
        var assigned = await agent.WaitForAsync<ChatAssigned>();
        var conversationId = assigned.Chat.ConversationId;
        await Expect(ana.Widget.GetByTestId("agent-name")).ToHaveTextAsync("You're chatting with Alex Admin");

        // A transcript longer than the frame, so where it scrolls matters.
        for (var i = 1; i <= 6; i++)
        {
            await agent.SendAsync(conversationId, $"Line {i} of the care instructions: rinse, dry, and keep away from the oven.", $"a-{i}");
        }

        await agent.SendAsync(conversationId, "Anything else I can help with? Have a lovely day!", "a-last");
        var lastReply = Pages.AgentReplies(ana.Widget).Last;
        await Expect(lastReply).ToHaveTextAsync("Anything else I can help with? Have a lovely day!");

        await agent.Port.ResolveAsync(agent.Agent.Id, conversationId, CancellationToken.None);

        await Expect(ana.Widget.GetByTestId("rate-5")).ToBeVisibleAsync();
        await Expect(lastReply).ToBeInViewportAsync();
        await Expect(ana.Widget.GetByTestId("agent-name")).ToHaveTextAsync("You chatted with Alex Admin");
        await ana.Shop.ScreenshotAsync(new() { Path = Pages.ScreenshotPath("widget-resolved.png") });
    }

    [Fact]
    public async Task An_unsent_draft_survives_a_reload_and_is_gone_once_sent()
    {
        await using var agent = await _server.OpenConsoleAsync();
        await using var ana = await Pages.NewVisitorAsync(chromium.Browser, _server, "Ana Lima");
        await ana.Widget.GetByTestId("composer").FillAsync("I would like to order twelve sunrise mugs for");

        await ana.Shop.ReloadAsync();
        await Expect(ana.Shop.Locator("iframe[data-testid=frame]")).ToBeVisibleAsync();
        var composer = ana.Widget.GetByTestId("composer");
        await Expect(composer).ToHaveValueAsync("I would like to order twelve sunrise mugs for");

        await composer.PressAsync("End");
        await composer.PressSequentiallyAsync(" my shop");
        await composer.PressAsync("Enter");
        await Expect(ana.Widget.GetByTestId("message-text")).ToHaveTextAsync(["I would like to order twelve sunrise mugs for my shop"]);

        await ana.Shop.ReloadAsync();
        await Expect(ana.Shop.Locator("iframe[data-testid=frame]")).ToBeVisibleAsync();
        await Expect(ana.Widget.GetByTestId("message-text")).ToHaveTextAsync(["I would like to order twelve sunrise mugs for my shop"]);
        await Expect(ana.Widget.GetByTestId("composer")).ToHaveValueAsync("");
    }
}
