using Chat.AgentConsole.Port;
using Chat.Server.Customers;
using Chat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chat.Tests.Browser;

/// <summary>The widget on a shop of another origin, in Chromium: what a visitor and a shop owner would notice.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WidgetInBrowserTests(Chromium chromium) : IAsyncLifetime
{
    private const string Secret = "browser-test-identity-secret";
    private ShopServer _shop = null!;
    private ChatServer _server = null!;

    public async Task InitializeAsync()
    {
        _shop = await ShopServer.StartAsync();
        _server = await ChatServer.StartAsync(
            $"--Chat:Demo:AllowedOrigins:1={_shop.Origin}",
            $"--Chat:Demo:IdentitySecret={Secret}",
            "--Chat:Limits:MessagesPerVisitorPerMinute=4");
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _shop.DisposeAsync();
    }

    [Fact]
    public async Task A_shop_on_another_allowed_origin_chats_end_to_end_and_a_reload_keeps_the_conversation()
    {
        await using var agentContext = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        await using var visitorContext = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var console = await agentContext.NewPageAsync();
        var shop = await visitorContext.NewPageAsync();
        await Pages.SignInAsync(console, _server);
        // Online for certain before the shop loads; the console page goes online once its circuit is up.
        await using var presence = await _server.OpenConsoleAsync();

        await shop.GotoAsync(_shop.Serve("/", _server));
        await Pages.OpenWidgetAsync(shop);
        var widget = Pages.Widget(shop);
        await widget.GetByTestId("prechat-name").FillAsync("Ana Lima");
        await widget.GetByTestId("prechat-submit").ClickAsync();
        await Pages.SendAsync(widget.Locator("body"), "Do the mugs go in the dishwasher?");
        await Expect(widget.GetByTestId("message").Filter(new() { HasText = "dishwasher" })).ToHaveAttributeAsync("data-seq", "1");

        // The agent opens the chat; the visitor sees that it was seen, and who answers, with their avatar.
        var row = console.GetByTestId("chat-row").Filter(new() { HasText = "Ana Lima" });
        await row.ClickAsync();
        await Expect(widget.GetByTestId("seen")).ToHaveTextAsync("Seen");
        await Expect(widget.GetByTestId("agent-name")).ToContainTextAsync("Alex Admin");
        await Pages.SendAsync(console.Locator("body"), "They do, up to 60 °C.");
        var reply = widget.Locator("[data-testid=message][data-sender=agent]").Filter(new() { HasText = "60 °C" });
        await Expect(reply.GetByTestId("message-author")).ToHaveTextAsync("Alex Admin");
        await Expect(reply.GetByTestId("avatar")).ToHaveTextAsync("AA");

        // Escape closes the chat and puts the keyboard back on the launcher; a reply meanwhile shows as unread.
        await widget.GetByTestId("composer").PressAsync("Escape");
        await Expect(shop.Locator("iframe[data-testid=frame]")).ToBeHiddenAsync();
        await Expect(shop.GetByTestId("launcher")).ToBeFocusedAsync();
        await Pages.SendAsync(console.Locator("body"), "Anything else?");
        await Expect(shop.GetByTestId("unread")).ToHaveTextAsync("1");
        await Expect(shop.GetByTestId("launcher")).ToHaveAccessibleDescriptionAsync("1 unread message");

        // A reload keeps the conversation: greeted by name, history there, and it goes on.
        await shop.ReloadAsync();
        await Pages.OpenWidgetAsync(shop);
        widget = Pages.Widget(shop);
        await Expect(widget.GetByTestId("greeting")).ToHaveTextAsync("Welcome back, Ana Lima");
        await Expect(widget.GetByTestId("message-text")).ToHaveTextAsync(["Do the mugs go in the dishwasher?", "They do, up to 60 °C.", "Anything else?"]);
        await Pages.SendAsync(widget.Locator("body"), "No, thank you!");
        await Expect(console.GetByTestId("message-text").Last).ToHaveTextAsync("No, thank you!");

        // After the chat: the visitor keeps the transcript as text.
        await console.GetByTestId("resolve").ClickAsync();
        var download = await shop.RunAndWaitForDownloadAsync(() => widget.GetByTestId("transcript").ClickAsync());
        var transcript = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.StartsWith("Chat with Demo Shop", transcript);
        Assert.Contains("You:\nDo the mugs go in the dishwasher?", transcript);
        Assert.Contains("Alex Admin:\nThey do, up to 60 °C.", transcript);
    }

    [Fact]
    public async Task A_page_on_an_origin_that_is_not_allowed_is_refused_with_a_clear_console_message_and_draws_nothing()
    {
        await using var stranger = await ShopServer.StartAsync();
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();

        var message = await page.RunAndWaitForConsoleMessageAsync(
            () => page.GotoAsync(stranger.Serve("/", _server)),
            new() { Predicate = m => m.Text.StartsWith("Chat:", StringComparison.Ordinal) });

        Assert.Equal("error", message.Type);
        Assert.Equal($"Chat: This page's origin {stranger.Origin} is not allowed for site {ChatServer.SiteKey}; add it to the site's allowed origins.", message.Text);
        await Expect(page.Locator("chat-widget")).ToHaveCountAsync(0);
        await Expect(page.Locator("iframe")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Identify_with_a_bad_hash_is_refused_with_a_warning_and_the_visitor_stays_anonymous()
    {
        await using var agent = await _server.OpenConsoleAsync();
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var url = _shop.Serve("/account", _server, "ChatWidget.push(['identify', { id: 'cust-42', name: 'Ben Okafor', hash: 'deadbeef' }]);");

        var warning = await page.RunAndWaitForConsoleMessageAsync(
            () => page.GotoAsync(url),
            new() { Predicate = m => m.Text.Contains("identify", StringComparison.Ordinal) });

        Assert.Equal("warning", warning.Type);
        Assert.Contains("refused (identity_hash_invalid)", warning.Text);
        Assert.Contains("The visitor stays anonymous.", warning.Text);
        await Pages.OpenWidgetAsync(page);
        // Still anonymous: the form asks who they are; the name passed only fills it in.
        await Expect(Pages.Widget(page).GetByTestId("prechat-name")).ToHaveValueAsync("Ben Okafor");
        Assert.Equal(0L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM customers"));
    }

    [Fact]
    public async Task A_verified_customer_skips_the_form_and_finds_the_conversation_in_another_browser()
    {
        var hash = IdentityHash.Compute(Secret, "cust-42");
        var url = _shop.Serve("/account", _server, $"ChatWidget.push(['identify', {{ id: 'cust-42', name: 'Ben Okafor', email: 'ben@example.com', hash: '{hash}' }}]);");
        await using var agent = await _server.OpenConsoleAsync();

        await using (var laptop = await chromium.Browser.NewContextAsync())
        {
            var page = await laptop.NewPageAsync();
            await page.GotoAsync(url);
            await Pages.OpenWidgetAsync(page);
            await Pages.SendAsync(Pages.Widget(page).Locator("body"), "Where is order 1001?");
            await Expect(Pages.Widget(page).GetByTestId("message").Filter(new() { HasText = "order 1001" })).ToHaveAttributeAsync("data-seq", "1");
        }

        await using var phone = await chromium.Browser.NewContextAsync();
        var again = await phone.NewPageAsync();
        await again.GotoAsync(url);
        await Pages.OpenWidgetAsync(again);
        var widget = Pages.Widget(again);
        await Expect(widget.GetByTestId("greeting")).ToHaveTextAsync("Welcome back, Ben Okafor");
        await Expect(widget.GetByTestId("message-text")).ToHaveTextAsync(["Where is order 1001?"]);
        Assert.Equal(1L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM customers"));
    }

    [Fact]
    public async Task When_nobody_is_online_the_visitor_leaves_a_message_that_reaches_the_console()
    {
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(_shop.Serve("/", _server));
        await Pages.OpenWidgetAsync(page);
        var widget = Pages.Widget(page);

        await Expect(widget.GetByTestId("away")).ToBeVisibleAsync();
        await Expect(widget.GetByTestId("away-reply")).ToHaveTextAsync("We will answer by email as soon as someone is back.");
        await widget.GetByTestId("away-name").FillAsync("Ana Lima");
        await widget.GetByTestId("away-email").FillAsync("ana@example.com");
        await widget.GetByTestId("away-text").FillAsync("Do you ship to Austria?");
        await widget.GetByTestId("away-submit").ClickAsync();

        // The visitor sees their message kept, and how the answer will come.
        await Expect(widget.GetByTestId("message-text")).ToHaveTextAsync(["Do you ship to Austria?"]);
        await Expect(widget.GetByTestId("follow-up")).ToContainTextAsync("answer by email at ana@example.com");

        // An agent finds it waiting for a follow-up.
        await using var scope = _server.Services.CreateAsyncScope();
        var port = scope.ServiceProvider.GetRequiredService<IConsolePort>();
        var admin = (await port.SignInAsync(ChatServer.AdminEmail, ChatServer.AdminPassword, CancellationToken.None))!;
        var waiting = Assert.Single(await port.GetQueueAsync(admin.Id, CancellationToken.None));
        Assert.Equal("Ana Lima", waiting.CustomerName);
        var detail = await port.OpenChatAsync(admin.Id, waiting.ConversationId, CancellationToken.None);
        Assert.Equal("follow_up", detail.Status);
        Assert.Equal("ana@example.com", detail.Customer.Email);
        Assert.Equal("Do you ship to Austria?", Assert.Single(detail.Messages).Text);
    }

    [Fact]
    public async Task A_message_over_the_limit_waits_with_the_reason_and_is_not_lost()
    {
        await using var agent = await _server.OpenConsoleAsync();
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(_shop.Serve("/", _server));
        await Pages.OpenWidgetAsync(page);
        var widget = Pages.Widget(page);
        await widget.GetByTestId("prechat-name").FillAsync("Quick Typist");
        await widget.GetByTestId("prechat-submit").ClickAsync();

        for (var i = 1; i <= 5; i++)
        {
            await Pages.SendAsync(widget.Locator("body"), $"Message {i}");
        }

        var fifth = widget.GetByTestId("message").Filter(new() { HasText = "Message 5" });
        await Expect(fifth.GetByTestId("delivery")).ToContainTextAsync("sending messages very quickly");
        await Expect(widget.GetByTestId("message-text")).ToHaveTextAsync(["Message 1", "Message 2", "Message 3", "Message 4", "Message 5"]);
        Assert.Equal(4L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM messages"));
    }

    [Fact]
    public async Task The_widget_works_on_a_shop_with_the_strict_content_security_policy_the_docs_give()
    {
        await using var agent = await _server.OpenConsoleAsync();
        var chat = _server.BaseUrl.GetLeftPart(UriPartial.Authority);
        // The lines docs/embedding.md tells shop owners to add, on an otherwise locked-down page.
        var csp = $"default-src 'none'; script-src 'nonce-shop' {chat}; connect-src {chat}; frame-src {chat}; " +
                  "require-trusted-types-for 'script'; trusted-types chat-widget";
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                violations.Add(m.Text);
            }
        };

        await page.GotoAsync(_shop.Serve("/strict", _server, csp: csp));
        await Pages.OpenWidgetAsync(page);
        await Expect(Pages.Widget(page).GetByTestId("prechat-name")).ToBeVisibleAsync();

        var launcher = (await page.GetByTestId("launcher").BoundingBoxAsync())!;
        Assert.Equal((56, 56), ((int)launcher.Width, (int)launcher.Height));
        Assert.Equal("rgb(79, 70, 229)", await page.GetByTestId("launcher").EvaluateAsync<string>("b => getComputedStyle(b).backgroundColor"));
        // The page's own inline style attribute is refused, as it should be; nothing of ours is.
        Assert.All(violations, v => Assert.DoesNotContain("widget", v, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(violations, v => v.Contains("Trusted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_host_page_can_make_the_widget_speak_german()
    {
        await using var context = await chromium.Browser.NewContextAsync(new() { Locale = "en-US" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(_shop.Serve("/", _server, "ChatWidget.push(['setLocale', 'de']);"));

        await Expect(page.GetByTestId("launcher")).ToHaveAccessibleNameAsync("Chatten Sie mit uns");
        await Pages.OpenWidgetAsync(page);
        await Expect(Pages.Widget(page).GetByTestId("away-submit")).ToHaveTextAsync("Nachricht senden");
    }

    [Fact]
    public async Task On_a_phone_the_chat_fills_the_screen()
    {
        await using var agent = await _server.OpenConsoleAsync();
        await using var context = await chromium.Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 390, Height = 844 },
            DeviceScaleFactor = 2,
            IsMobile = true,
            HasTouch = true,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(_shop.Serve("/", _server));
        await Pages.OpenWidgetAsync(page);
        var widget = Pages.Widget(page);
        await widget.GetByTestId("prechat-name").FillAsync("Ana Lima");
        await widget.GetByTestId("prechat-submit").ClickAsync();
        await Pages.SendAsync(widget.Locator("body"), "Hello from my phone! Is the dusk mug back in stock?");
        var chat = await agent.WaitForAsync<ChatAssigned>();
        // The agent answers what they have read, so the reply comes after the question.
        await agent.WaitForAsync<MessagePosted>(m => m.Message.Text.StartsWith("Hello from my phone", StringComparison.Ordinal));
        await agent.Port.OpenChatAsync(agent.Agent.Id, chat.Chat.ConversationId, CancellationToken.None);
        await agent.SendAsync(chat.Chat.ConversationId, "Hi Ana! Yes, it came back this morning.");
        await Expect(widget.GetByTestId("agent-name")).ToContainTextAsync("Alex Admin");
        await Expect(widget.GetByTestId("message-text")).ToHaveTextAsync(["Hello from my phone! Is the dusk mug back in stock?", "Hi Ana! Yes, it came back this morning."]);
        await Expect(widget.GetByTestId("seen")).ToBeVisibleAsync();

        var box = (await page.Locator("iframe[data-testid=frame]").BoundingBoxAsync())!;
        Assert.Equal((0, 0, 390, 844), ((int)box.X, (int)box.Y, (int)box.Width, (int)box.Height));
        // The launcher hides under the full-screen chat; the frame's own close button takes over.
        await Expect(page.GetByTestId("launcher")).ToBeHiddenAsync();
        await Expect(widget.GetByTestId("close")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Pages.ScreenshotPath("widget-mobile.png") });
    }
}
