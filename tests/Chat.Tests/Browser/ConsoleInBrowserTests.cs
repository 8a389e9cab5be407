using System.Text.RegularExpressions;
using Chat.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chat.Tests.Browser;

/// <summary>The agent console in Chromium, with real visitors on the demo shop in browsers of their own.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ConsoleInBrowserTests(Chromium chromium) : IAsyncLifetime
{
    private ChatServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private Task<IBrowserContext> AgentContextAsync() =>
        chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });

    private static ILocator Row(IPage console, string customer) =>
        console.GetByTestId("chat-row").Filter(new() { Has = console.GetByTestId("chat-customer").GetByText(customer, new() { Exact = true }) });

    [GeneratedRegex(@"^\(2\) Chat console$")]
    private static partial Regex TwoUnread();

    [GeneratedRegex(@"^\(3\) Chat console$")]
    private static partial Regex ThreeUnread();

    [Fact]
    public async Task One_agent_serves_three_visitors_at_once_and_each_reply_reaches_only_its_visitor()
    {
        await using var agentContext = await AgentContextAsync();
        var console = await agentContext.NewPageAsync();
        await Pages.SignInAsync(console, _server);
        var names = console.GetByTestId("chat-customer");

        // Three visitors write in turn; the first chat opens by itself, the others wait in the list.
        await using var ana = await Pages.NewVisitorAsync(chromium.Browser, _server, "Ana Lima", "Europe/Lisbon");
        await Pages.SendAsync(ana.Widget.Locator("body"), "Hi! Is the sunrise mug dishwasher safe?");
        await Expect(console.GetByTestId("pane-customer")).ToHaveTextAsync("Ana Lima");
        await Expect(Row(console, "Ana Lima").GetByTestId("chat-preview")).ToHaveTextAsync("Hi! Is the sunrise mug dishwasher safe?");

        await using var ben = await Pages.NewVisitorAsync(chromium.Browser, _server, "Ben Okafor", "America/Toronto");
        await Pages.SendAsync(ben.Widget.Locator("body"), "Do you ship to Canada?");
        await Expect(Row(console, "Ben Okafor").GetByTestId("chat-preview")).ToHaveTextAsync("Do you ship to Canada?");

        await using var cleo = await Pages.NewVisitorAsync(chromium.Browser, _server, "Cleo Park", "Asia/Seoul");
        await Pages.SendAsync(cleo.Widget.Locator("body"), "Can I still change my order?");
        await Expect(Row(console, "Cleo Park").GetByTestId("chat-preview")).ToHaveTextAsync("Can I still change my order?");

        // Whoever has waited longest is on top; unread counts for the chats not open, also in the tab title.
        await Expect(names).ToHaveTextAsync(["Ana Lima", "Ben Okafor", "Cleo Park"]);
        await Expect(Row(console, "Ben Okafor").GetByTestId("unread")).ToHaveTextAsync("1");
        await Expect(Row(console, "Cleo Park").GetByTestId("unread")).ToHaveTextAsync("1");
        await Expect(Row(console, "Ana Lima").GetByTestId("unread")).ToHaveCountAsync(0);
        await Expect(console).ToHaveTitleAsync(TwoUnread());

        // Answering Ana drops her below those still waiting.
        await Pages.SendAsync(console.Locator("body"), "Hi Ana, yes it is, and microwave safe too.");
        await Expect(names).ToHaveTextAsync(["Ben Okafor", "Cleo Park", "Ana Lima"]);

        // Ben writes again: his count grows live.
        await Pages.SendAsync(ben.Widget.Locator("body"), "Also, how long does it take?");
        await Expect(Row(console, "Ben Okafor").GetByTestId("unread")).ToHaveTextAsync("2");
        await Expect(console).ToHaveTitleAsync(ThreeUnread());

        // The pages the visitors are on, as the widget's frame reports them.
        foreach (var visitor in new[] { ana, ben, cleo })
        {
            await ReportPageAsTheFrameDoesAsync(visitor);
        }

        await Expect(console.GetByTestId("customer-page")).ToContainTextAsync("Demo Shop");
        await Expect(console.GetByTestId("customer-browser")).ToContainTextAsync("Chrome");
        await Expect(console.GetByTestId("customer-local-time")).ToContainTextAsync("Europe/Lisbon");

        // A tag on the customer, a note for colleagues, and Ana typing her next question: the agent reads it before she sends.
        await console.GetByTestId("tag-input").FillAsync("returning");
        await console.GetByTestId("tag-input").PressAsync("Enter");
        await Expect(console.GetByTestId("tag-text")).ToHaveTextAsync(["returning"]);
        await console.GetByTestId("mode-note").ClickAsync();
        await Pages.SendAsync(console.Locator("body"), "Second order this month: offer free gift wrap.");
        await Expect(console.GetByTestId("note")).ToContainTextAsync("offer free gift wrap");
        await console.GetByTestId("mode-reply").ClickAsync();
        await ana.Widget.GetByTestId("composer").FillAsync("Could you gift-wrap it as well?");
        await Expect(console.GetByTestId("visitor-typing-preview")).ToHaveTextAsync("Could you gift-wrap it as well?");
        await console.ScreenshotAsync(new() { Path = Pages.ScreenshotPath("console-three-chats.png") });

        // Answer Cleo, then Ben, picking them from the list.
        await Row(console, "Cleo Park").ClickAsync();
        await Expect(console.GetByTestId("pane-customer")).ToHaveTextAsync("Cleo Park");
        await Expect(Row(console, "Cleo Park").GetByTestId("unread")).ToHaveCountAsync(0);
        await Pages.SendAsync(console.Locator("body"), "Hi Cleo, of course: what would you like to change?");
        await Expect(names).ToHaveTextAsync(["Ben Okafor", "Cleo Park", "Ana Lima"]);
        await Row(console, "Ben Okafor").ClickAsync();
        await Expect(console.GetByTestId("pane-customer")).ToHaveTextAsync("Ben Okafor");
        await Pages.SendAsync(console.Locator("body"), "Hi Ben, yes: 5 to 7 days.");
        await Expect(names).ToHaveTextAsync(["Ben Okafor", "Cleo Park", "Ana Lima"]);
        await Expect(console).ToHaveTitleAsync("Chat console");

        // Each visitor got exactly their own reply, and never the note.
        await Expect(Pages.AgentReplies(ana.Widget)).ToHaveTextAsync(["Hi Ana, yes it is, and microwave safe too."]);
        await Expect(Pages.AgentReplies(ben.Widget)).ToHaveTextAsync(["Hi Ben, yes: 5 to 7 days."]);
        await Expect(Pages.AgentReplies(cleo.Widget)).ToHaveTextAsync(["Hi Cleo, of course: what would you like to change?"]);
        await Expect(ana.Widget.Locator("body")).Not.ToContainTextAsync("gift wrap.");

        // By keyboard: the next chat in the list, straight into its composer; then resolve it.
        await console.Keyboard.PressAsync("Alt+ArrowDown");
        await Expect(console.GetByTestId("pane-customer")).ToHaveTextAsync("Cleo Park");
        await Expect(console.GetByTestId("composer")).ToBeFocusedAsync();
        await console.Keyboard.TypeAsync("Anything else I can do?");
        await console.Keyboard.PressAsync("Enter");
        await Expect(Pages.AgentReplies(cleo.Widget).Last).ToHaveTextAsync("Anything else I can do?");
        await console.Keyboard.PressAsync("Alt+r");
        await Expect(console.GetByTestId("chat-resolved")).ToBeVisibleAsync();
        await Expect(cleo.Widget.GetByTestId("rate-5")).ToBeVisibleAsync();

        // "?" outside a text field shows the shortcuts; Escape closes them.
        await console.GetByTestId("pane-customer").ClickAsync();
        await console.Keyboard.PressAsync("?");
        await Expect(console.GetByTestId("shortcut-help")).ToBeVisibleAsync();
        await Expect(console.GetByTestId("shortcut-help")).ToContainTextAsync("Next chat in the list");
        await console.Keyboard.PressAsync("Escape");
        await Expect(console.GetByTestId("shortcut-help")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_agent_transfers_a_chat_to_a_signed_in_colleague_with_a_note_and_the_visitor_is_told()
    {
        var sam = await _server.AddAgentAsync("Sam Small", capacity: 3);
        await using var alexContext = await AgentContextAsync();
        var alex = await alexContext.NewPageAsync();
        await Pages.SignInAsync(alex, _server);
        await using var ana = await Pages.NewVisitorAsync(chromium.Browser, _server, "Ana Lima");
        await Pages.SendAsync(ana.Widget.Locator("body"), "I would like a refund for order 1042.");
        await Expect(alex.GetByTestId("pane-customer")).ToHaveTextAsync("Ana Lima");

        // Sam signs in after the chat went to Alex.
        await using var samContext = await AgentContextAsync();
        var samConsole = await samContext.NewPageAsync();
        await Pages.SignInAsync(samConsole, _server, sam.Email, sam.Password);

        await alex.GetByTestId("transfer").ClickAsync();
        var dialog = alex.GetByTestId("transfer-dialog");
        await Expect(dialog.GetByTestId("transfer-target").Filter(new() { HasText = "Sam Small" })).ToContainTextAsync("online");
        await Expect(dialog.GetByRole(AriaRole.Radio, new() { Name = "Sam Small" })).ToBeCheckedAsync();
        await dialog.GetByTestId("transfer-note").FillAsync("Refund approved by me, please process it.");
        await dialog.GetByTestId("transfer-submit").ClickAsync();

        // Alex no longer has it.
        await Expect(alex.GetByTestId("chat-row")).ToHaveCountAsync(0);
        await Expect(alex.GetByTestId("notice")).ToContainTextAsync("Ana Lima is now with Sam Small");

        // Sam has it open, with Alex's note beside the transcript.
        await Expect(samConsole.GetByTestId("pane-customer")).ToHaveTextAsync("Ana Lima");
        await Expect(samConsole.GetByTestId("notice")).ToContainTextAsync("Alex Admin transferred Ana Lima to you");
        var transferNote = samConsole.Locator("[data-testid=note][data-kind=transfer]");
        await Expect(transferNote).ToContainTextAsync("Refund approved by me, please process it.");
        await Expect(transferNote).ToContainTextAsync("Transferred the chat to Sam Small");

        // The visitor reads who took over, and Sam's reply comes under Sam's name.
        await Expect(ana.Widget.Locator("[data-testid=message][data-sender=system]")).ToContainTextAsync("Sam Small took over the chat");
        await Expect(ana.Widget.GetByTestId("agent-name")).ToContainTextAsync("Sam Small");
        await Pages.SendAsync(samConsole.Locator("body"), "Hi Ana, Sam here: your refund is on its way.");
        var reply = ana.Widget.Locator("[data-testid=message][data-sender=agent]").Last;
        await Expect(reply.GetByTestId("message-author")).ToHaveTextAsync("Sam Small");
        await Expect(ana.Widget.Locator("body")).Not.ToContainTextAsync("Refund approved by me");
    }

    [Fact]
    public async Task An_agent_cannot_open_the_admin_pages_or_another_sites_chats()
    {
        var sam = await _server.AddAgentAsync("Sam Small", capacity: 3);
        var other = await _server.AddSiteAsync("Other Shop", "Olga Other");
        await using var stranger = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync("Zoe Secret", siteKey: other.SiteKey));
        var theirChat = (await stranger.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await stranger.InvokeAsync("Send", new { conversationId = theirChat, clientId = "z-1", text = "My card number is private" });

        await using var context = await AgentContextAsync();
        var console = await context.NewPageAsync();
        await Pages.SignInAsync(console, _server, sam.Email, sam.Password);
        await Expect(console.GetByTestId("admin-link")).ToHaveCountAsync(0);

        foreach (var page in new[] { "sites", "agents", "canned-replies" })
        {
            await console.GotoAsync(new Uri(_server.BaseUrl, $"console/admin/{page}").ToString());
            await Expect(console.GetByTestId("forbidden")).ToBeVisibleAsync();
            await Expect(console.Locator("form.admin-form")).ToHaveCountAsync(0);
        }

        // Another site's chat, even by its exact address, shows nothing of it.
        await console.GotoAsync(new Uri(_server.BaseUrl, $"console/chats/{theirChat}").ToString());
        await Expect(console.GetByTestId("presence")).ToBeVisibleAsync();
        await Expect(console.GetByTestId("notice")).ToContainTextAsync("does not exist or is not yours");
        await Expect(console.GetByTestId("pane-customer")).ToHaveCountAsync(0);
        await Expect(console.GetByTestId("queue-empty")).ToBeVisibleAsync();
        await Expect(console.Locator("body")).Not.ToContainTextAsync("Zoe Secret");
        await Expect(console.Locator("body")).Not.ToContainTextAsync("My card number");

        // The admin, by contrast, gets in.
        await using var adminContext = await AgentContextAsync();
        var admin = await adminContext.NewPageAsync();
        await Pages.SignInAsync(admin, _server);
        await admin.GetByTestId("admin-link").ClickAsync();
        await Expect(admin.GetByTestId("site-name")).ToHaveValueAsync("Demo Shop");
        await admin.ScreenshotAsync(new() { Path = Pages.ScreenshotPath("admin-sites.png") });
        await admin.GetByTestId("nav-agents").ClickAsync();
        // Alex and Sam; the other site's admin is not theirs to see.
        await Expect(admin.GetByTestId("agent-item")).ToHaveCountAsync(2);
        await admin.ScreenshotAsync(new() { Path = Pages.ScreenshotPath("admin-agents.png") });
    }

    [Fact]
    public async Task An_admin_saves_a_canned_reply_and_an_agent_inserts_it_with_a_slash_and_edits_it_before_sending()
    {
        await using var adminContext = await AgentContextAsync();
        var console = await adminContext.NewPageAsync();
        await Pages.SignInAsync(console, _server);
        await console.GotoAsync(new Uri(_server.BaseUrl, "console/admin/canned-replies").ToString());
        await console.GetByTestId("canned-shortcut").FillAsync("thanks");

        // A misspelt variable is refused, with the ones that exist named.
        await console.GetByTestId("canned-text").FillAsync("Thanks {{customer.firstname}}! {{agent.name}} at {{site.name}}");
        await console.GetByTestId("canned-save").ClickAsync();
        await Expect(console.GetByTestId("admin-error")).ToContainTextAsync("{{customer.firstname}}");
        await Expect(console.GetByTestId("admin-error")).ToContainTextAsync("{{customer.first_name}}");
        await console.GetByTestId("canned-text").FillAsync("Thanks {{customer.first_name}}! {{agent.name}} at {{site.name}}");
        await console.GetByTestId("canned-save").ClickAsync();
        await Expect(console.GetByTestId("admin-status")).ToContainTextAsync("/thanks");
        await console.ScreenshotAsync(new() { Path = Pages.ScreenshotPath("admin-canned-replies.png") });

        // Back in the console the admin is online, so the visitor gets a live chat, not the leave-a-message form.
        await console.GotoAsync(new Uri(_server.BaseUrl, "console").ToString());
        await Expect(console.GetByTestId("presence")).ToBeEnabledAsync();
        await using var ana = await Pages.NewVisitorAsync(chromium.Browser, _server, "Ana Lima");
        await Pages.SendAsync(ana.Widget.Locator("body"), "That is all, thank you!");
        await Expect(console.GetByTestId("pane-customer")).ToHaveTextAsync("Ana Lima");

        var composer = console.GetByTestId("composer");
        await composer.PressSequentiallyAsync("/than");
        await Expect(console.GetByTestId("canned-option")).ToContainTextAsync("/thanks");
        await console.ScreenshotAsync(new() { Path = Pages.ScreenshotPath("console-canned-reply.png") });
        await composer.PressAsync("Enter");
        await Expect(composer).ToHaveValueAsync("Thanks Ana! Alex Admin at Demo Shop");
        await composer.PressSequentiallyAsync(" Have a lovely day.");
        await composer.PressAsync("Enter");

        await Expect(Pages.AgentReplies(ana.Widget)).ToHaveTextAsync(["Thanks Ana! Alex Admin at Demo Shop Have a lovely day."]);
    }

    /// <summary>
    /// What the widget's frame sends when it connects: the shop page it sits on, the visitor's
    /// time zone, and the browser's User-Agent on the connection. Reported here over the
    /// visitor's own token, with the real values from their browser.
    /// </summary>
    private async Task ReportPageAsTheFrameDoesAsync(ShopVisitor visitor)
    {
        var frame = visitor.Shop.Frames.First(f => f.Url.Contains("/widget/frame", StringComparison.Ordinal));
        var token = await frame.EvaluateAsync<string>("key => localStorage.getItem(key)", $"chat:{ChatServer.SiteKey}:token");
        var timeZone = await frame.EvaluateAsync<string>("() => Intl.DateTimeFormat().resolvedOptions().timeZone");
        var userAgent = await frame.EvaluateAsync<string>("() => navigator.userAgent");
        await using var hub = await HubSession.ConnectAsync(_server.VisitorHubUrl(token), new HubSessionOptions { Origin = _server.Origin, UserAgent = userAgent });
        await hub.InvokeAsync("ReportPage", new { url = visitor.Shop.Url, title = await visitor.Shop.TitleAsync(), timeZone });
    }
}
