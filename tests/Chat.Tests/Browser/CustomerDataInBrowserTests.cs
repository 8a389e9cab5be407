using Chat.AgentConsole.Port;
using Chat.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chat.Tests.Browser;

/// <summary>
/// Customers' data in Chromium, as the people involved meet it: a visitor deletes their own chat
/// history (after a confirmation, in German here); the shop's sign-out makes the widget forget
/// the visitor; an admin erases a customer from the console and finds it in the audit log.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CustomerDataInBrowserTests(Chromium chromium) : IAsyncLifetime
{
    private ShopServer _shop = null!;
    private ChatServer _server = null!;

    public async Task InitializeAsync()
    {
        _shop = await ShopServer.StartAsync();
        _server = await ChatServer.StartAsync($"--Chat:Demo:AllowedOrigins:1={_shop.Origin}");
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _shop.DisposeAsync();
    }

    [Fact]
    public async Task A_visitor_deletes_their_own_chat_history_after_confirming_it()
    {
        await using var agent = await _server.OpenConsoleAsync();
        await using var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var shop = await context.NewPageAsync();
        await shop.GotoAsync(_shop.Serve("/", _server, "ChatWidget.push(['setLocale', 'de']);"));
        await Pages.OpenWidgetAsync(shop);
        var widget = Pages.Widget(shop);
        await widget.GetByTestId("prechat-name").FillAsync("Greta Geheim");
        await widget.GetByTestId("prechat-submit").ClickAsync();
        await Pages.SendAsync(widget.Locator("body"), "Meine Adresse ist Lindenweg 7");
        var chat = await agent.WaitForAsync<ChatAssigned>();
        await agent.WaitForAsync<MessagePosted>(m => m.Message.Text.Contains("Lindenweg", StringComparison.Ordinal));
        await agent.Port.ResolveAsync(agent.Agent.Id, chat.Chat.ConversationId, CancellationToken.None);

        var erase = widget.GetByTestId("erase-history");
        await Expect(erase).ToHaveTextAsync("Meinen Chatverlauf löschen");

        // Cancelled: nothing happens.
        var asked = new List<string>();
        var accept = false;
        shop.Dialog += async (_, dialog) =>
        {
            asked.Add(dialog.Message);
            await (accept ? dialog.AcceptAsync() : dialog.DismissAsync());
        };
        await erase.ClickAsync();
        await Expect(widget.GetByTestId("message-text")).ToHaveTextAsync(["Meine Adresse ist Lindenweg 7"]);
        Assert.Equal("Alle Ihre Nachrichten löschen und Sie in diesem Browser vergessen? Das lässt sich nicht rückgängig machen.", Assert.Single(asked));
        await shop.ScreenshotAsync(new() { Path = Pages.ScreenshotPath("erase-history-widget.png") });

        // Confirmed: erased on the server, forgotten here, and a reload starts over.
        accept = true;
        await erase.ClickAsync();
        await Expect(widget.GetByTestId("prechat-name")).ToBeVisibleAsync();
        Assert.Equal("erased", await _server.ScalarAsync<string>(
            "SELECT text FROM messages WHERE conversation_id = @ConversationId AND sender = 'visitor'", new { chat.Chat.ConversationId }));
        await shop.ReloadAsync();
        // The panel was open, so the reload opens it again.
        await Expect(shop.Locator("iframe[data-testid=frame]")).ToBeVisibleAsync();
        await Expect(Pages.Widget(shop).GetByTestId("prechat-name")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_shops_sign_out_calls_logout_and_the_widget_forgets_the_visitor()
    {
        await using var agent = await _server.OpenConsoleAsync();
        await using var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var shop = await context.NewPageAsync();
        var url = _shop.Serve("/", _server);
        await shop.GotoAsync(url);
        await Pages.OpenWidgetAsync(shop);
        var widget = Pages.Widget(shop);
        await widget.GetByTestId("prechat-name").FillAsync("Sam Shared");
        await widget.GetByTestId("prechat-submit").ClickAsync();
        await Pages.SendAsync(widget.Locator("body"), "Is my order on its way?");
        await agent.WaitForAsync<MessagePosted>(m => m.Message.Text.Contains("order", StringComparison.Ordinal));

        // The shop signs its customer out on a shared computer.
        await shop.EvaluateAsync("() => ChatWidget.logout()");
        await Expect(shop.Locator("iframe[data-testid=frame]")).ToBeHiddenAsync();
        await Pages.OpenWidgetAsync(shop);
        await Expect(widget.GetByTestId("prechat-name")).ToBeVisibleAsync();
        await Expect(widget.GetByTestId("message-text")).ToHaveCountAsync(0);

        // The next person on this computer does not find Sam's chat after a reload either; Sam's data stays on the server.
        await shop.ReloadAsync();
        // The panel was open, so the reload opens it again.
        await Expect(shop.Locator("iframe[data-testid=frame]")).ToBeVisibleAsync();
        await Expect(Pages.Widget(shop).GetByTestId("prechat-name")).ToBeVisibleAsync();
        Assert.Equal(1L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM customers WHERE name = 'Sam Shared'"));
    }

    [Fact]
    public async Task An_admin_erases_a_customer_from_the_console_and_reads_it_in_the_audit_log()
    {
        // Online first, so the chat is the admin's own.
        await using var presence = await _server.OpenConsoleAsync();
        var visitor = await _server.NewVisitorAsync("Erin Erasable", "erin@example.com");
        await using (var widget = await _server.ConnectVisitorAsync(visitor))
        {
            var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
            await widget.InvokeAsync("Send", new { conversationId, clientId = "v-1", text = "Please send it to Birch Street 12" });
        }

        await using var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        var console = await context.NewPageAsync();
        await Pages.SignInAsync(console, _server);
        await console.GetByTestId("chat-row").Filter(new() { HasText = "Erin Erasable" }).ClickAsync();
        await Expect(console.GetByTestId("message-text").Last).ToHaveTextAsync("Please send it to Birch Street 12");

        await console.GetByTestId("erase-customer").ClickAsync();
        await Expect(console.GetByTestId("erase-confirm")).ToContainTextAsync("Erin Erasable");
        await console.GetByTestId("customer-data").ScreenshotAsync(new() { Path = Pages.ScreenshotPath("erase-customer-console.png") });
        await console.GetByTestId("erase-confirm-button").ClickAsync();
        await Expect(console.GetByTestId("customer-data-status")).ToContainTextAsync("Erased");
        await Expect(console.GetByTestId("message-text").Last).ToHaveTextAsync("erased");
        await Expect(console.GetByTestId("customer-name")).ToHaveTextAsync("erased");

        await console.GotoAsync(new Uri(_server.BaseUrl, "console/admin/audit").ToString());
        await Expect(console.GetByTestId("audit-entry").First).ToHaveAttributeAsync("data-action", AuditActions.CustomerErased);
        await Expect(console.GetByTestId("audit-entry").First).ToContainTextAsync("Customer erased");
        await Expect(console.GetByTestId("audit-entry").Filter(new() { HasText = "Signed in" }).First).ToContainTextAsync("Alex Admin");
        await console.ScreenshotAsync(new() { Path = Pages.ScreenshotPath("audit-log-console.png"), FullPage = true });
        Assert.Equal(0L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM messages WHERE text LIKE '%Birch%'"));
    }
}
