using Chat.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chat.Tests.Browser;

/// <summary>The privacy guard as a visitor meets it: warned before a card number goes, and it never shows in clear.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PrivacyInBrowserTests(Chromium chromium) : IAsyncLifetime
{
    private ChatServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_visitor_is_warned_before_sending_a_card_number_can_edit_or_send_it_hidden_and_the_agent_sees_it_masked()
    {
        await using var agentContext = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var console = await agentContext.NewPageAsync();
        await Pages.SignInAsync(console, _server);
        await using var visitor = await Pages.NewVisitorAsync(chromium.Browser, _server, "Ana Lima");
        var widget = visitor.Widget;

        // Enter asks first; nothing is sent yet.
        await Pages.SendAsync(widget.Locator("body"), "My card is 4111 1111 1111 1111, can you take the payment?");
        var warning = widget.GetByTestId("private-warning");
        await Expect(warning).ToContainTextAsync("This looks like a card number. We never need it in chat: it will be hidden.");
        await Expect(widget.GetByTestId("message")).ToHaveCountAsync(0);
        await visitor.Shop.ScreenshotAsync(new() { Path = Pages.ScreenshotPath("privacy-widget-warning.png") });

        // Edit puts the visitor back in the text with the number selected; typing hides the warning.
        await widget.GetByTestId("private-edit").ClickAsync();
        await Expect(warning).ToBeHiddenAsync();
        var composer = widget.GetByTestId("composer");
        await Expect(composer).ToBeFocusedAsync();
        Assert.Equal("4111 1111 1111 1111", await composer.EvaluateAsync<string>("t => t.value.slice(t.selectionStart, t.selectionEnd)"));

        // Send hidden sends it masked: the number never leaves the browser in clear.
        await composer.PressAsync("Enter");
        await widget.GetByTestId("private-send-hidden").ClickAsync();
        await Expect(warning).ToBeHiddenAsync();
        await Expect(widget.GetByTestId("message-text")).ToHaveTextAsync(["My card is •••• •••• •••• 1111, can you take the payment?"]);
        await Expect(composer).ToHaveValueAsync("");

        // The agent sees it masked, and marked as such.
        await console.GetByTestId("chat-row").Filter(new() { HasText = "Ana Lima" }).ClickAsync();
        var message = console.GetByTestId("message").Filter(new() { HasText = "can you take the payment" });
        await Expect(message.GetByTestId("message-text")).ToHaveTextAsync("My card is •••• •••• •••• 1111, can you take the payment?");
        await Expect(message.GetByTestId("message-masked")).ToHaveTextAsync("Private data hidden");
        await console.ScreenshotAsync(new() { Path = Pages.ScreenshotPath("privacy-console-masked.png") });
        Assert.Equal(0L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM messages WHERE text LIKE '%4111 1111%'"));
    }

    [Fact]
    public async Task A_german_visitor_is_warned_in_german_about_an_iban_and_an_ordinary_number_is_sent_without_asking()
    {
        await using var context = await chromium.Browser.NewContextAsync(new() { Locale = "de-DE" });
        var shop = await context.NewPageAsync();
        await using var agent = await _server.OpenConsoleAsync();
        await shop.GotoAsync(_server.BaseUrl.ToString());
        await Pages.OpenWidgetAsync(shop);
        var widget = Pages.Widget(shop);
        await widget.GetByTestId("prechat-name").FillAsync("Jonas Weber");
        await widget.GetByTestId("prechat-submit").ClickAsync();

        await Pages.SendAsync(widget.Locator("body"), "Meine Bestellung 2024-0815-4471 ist nicht da");
        await Expect(widget.GetByTestId("message-text")).ToHaveTextAsync(["Meine Bestellung 2024-0815-4471 ist nicht da"]);

        await Pages.SendAsync(widget.Locator("body"), "Erstatten Sie bitte auf DE89 3704 0044 0532 0130 00");
        await Expect(widget.GetByTestId("private-warning")).ToContainTextAsync("Das sieht nach einer Kontonummer (IBAN) aus. Im Chat brauchen wir sie nie: Sie wird verborgen.");
        await Expect(widget.GetByTestId("private-edit")).ToHaveTextAsync("Bearbeiten");
        await widget.GetByTestId("private-send-hidden").ClickAsync();
        await Expect(widget.GetByTestId("message-text").Last).ToHaveTextAsync("Erstatten Sie bitte auf •••• •••• •••• •••• 3000");
    }

    [Fact]
    public async Task A_visitor_leaving_a_message_is_warned_about_a_card_number_too_and_it_is_kept_hidden()
    {
        // Nobody is online, so the widget offers the leave-a-message form.
        await using var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var shop = await context.NewPageAsync();
        await shop.GotoAsync(_server.BaseUrl.ToString());
        await Pages.OpenWidgetAsync(shop);
        var widget = Pages.Widget(shop);
        await widget.GetByTestId("away-name").FillAsync("Ana Lima");
        await widget.GetByTestId("away-email").FillAsync("ana@example.com");
        await widget.GetByTestId("away-text").FillAsync("Please charge 4111-1111-1111-1111 for order 1001");

        await widget.GetByTestId("away-submit").ClickAsync();
        var warning = widget.GetByTestId("private-warning");
        await Expect(warning).ToContainTextAsync("This looks like a card number. We never need it in chat: it will be hidden.");
        await shop.ScreenshotAsync(new() { Path = Pages.ScreenshotPath("privacy-away-warning.png") });
        Assert.Equal(0L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM messages"));

        await widget.GetByTestId("private-edit").ClickAsync();
        await Expect(warning).ToBeHiddenAsync();
        var text = widget.GetByTestId("away-text");
        Assert.Equal("4111-1111-1111-1111", await text.EvaluateAsync<string>("t => t.value.slice(t.selectionStart, t.selectionEnd)"));

        await widget.GetByTestId("away-submit").ClickAsync();
        await widget.GetByTestId("private-send-hidden").ClickAsync();
        await Expect(widget.GetByTestId("message-text")).ToHaveTextAsync(["Please charge •••• •••• •••• 1111 for order 1001"]);
        Assert.Equal(0L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM messages WHERE text LIKE '%4111-1111%'"));
    }
}
