using Chat.AgentConsole.Port;
using Chat.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chat.Tests.Browser;

/// <summary>Act quickly, visibly: the visitor is told the real typical first reply, and the agent sees the target counted down.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ActQuicklyInBrowserTests(Chromium chromium) : IAsyncLifetime
{
    private ChatServer _server = null!;

    // The week of answered chats comes from one address, faster than a visitor may start chats.
    public async Task InitializeAsync() => _server = await ChatServer.StartAsync("--Chat:Limits:ConversationsPerIpPerMinute=1000");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task An_admin_sets_a_reply_target_a_german_visitor_reads_the_typical_reply_and_the_agent_sees_the_countdown()
    {
        // Ten chats answered at once this week: enough for the widget to say how quickly the team replies.
        await using (var agent = await _server.OpenConsoleAsync())
        {
            for (var i = 0; i < 10; i++)
            {
                await using var chat = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync($"Visitor {i}", null));
                var id = (await chat.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
                await agent.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == id);
                await agent.Port.SendAsync(agent.Agent.Id, id, $"reply-{i}", "Hello, how can I help?", CancellationToken.None);
                await agent.Port.ResolveAsync(agent.Agent.Id, id, CancellationToken.None);
            }
        }

        await using var agentContext = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var console = await agentContext.NewPageAsync();
        await Pages.SignInAsync(console, _server);
        await console.GotoAsync(new Uri(_server.BaseUrl, "console/admin/sites").ToString());
        await console.GetByTestId("site-target").FillAsync("2");
        await console.GetByTestId("site-save").ClickAsync();
        await Expect(console.GetByTestId("admin-status")).ToBeVisibleAsync();
        await console.GotoAsync(new Uri(_server.BaseUrl, "console").ToString());
        await Expect(console.GetByTestId("presence")).ToBeEnabledAsync();

        await using var context = await chromium.Browser.NewContextAsync(new() { Locale = "de-DE", ViewportSize = new() { Width = 1280, Height = 800 } });
        var shop = await context.NewPageAsync();
        await shop.GotoAsync(_server.BaseUrl.ToString());
        await Pages.OpenWidgetAsync(shop);
        var widget = Pages.Widget(shop);
        await Expect(widget.GetByTestId("typical-reply")).ToHaveTextAsync("Wir antworten meist in weniger als einer Minute.");
        await shop.ScreenshotAsync(new() { Path = Pages.ScreenshotPath("typical-reply-widget.png") });
        await widget.GetByTestId("prechat-name").FillAsync("Jonas Weber");
        await widget.GetByTestId("prechat-submit").ClickAsync();
        await Expect(widget.GetByTestId("composer")).ToBeVisibleAsync();
        await Pages.SendAsync(widget.Locator("body"), "Wo ist mein Paket?");

        var row = console.GetByTestId("chat-row").Filter(new() { HasText = "Jonas Weber" });
        await Expect(row.GetByTestId("reply-target")).ToHaveTextAsync("reply within 2 min");
        await console.ScreenshotAsync(new() { Path = Pages.ScreenshotPath("reply-target-console.png") });
    }
}
