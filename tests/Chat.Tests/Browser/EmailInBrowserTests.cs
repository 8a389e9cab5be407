using System.Text.RegularExpressions;
using Chat.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chat.Tests.Browser;

/// <summary>
/// The promise of the leave-a-message form kept, in Chromium: the visitor leaves a message and the
/// page, the agent answers in the console, the email arrives, and its link opens the chat with the
/// answer in it, in a browser that never saw the shop.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class EmailInBrowserTests(Chromium chromium) : IAsyncLifetime
{
    private MailCatcher _mail = null!;
    private ChatServer _server = null!;

    public async Task InitializeAsync()
    {
        _mail = await MailCatcher.StartAsync();
        // Quick retries and few of them, so the failed-mail test need not wait long for its mail to fail.
        _server = await ChatServer.StartAsync(_mail.ServerArgs("--Chat:Email:RetryBaseSeconds=0.2", "--Chat:Email:MaxAttempts=2"));
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _mail.DisposeAsync();
    }

    [Fact]
    public async Task A_left_message_is_answered_by_email_and_the_link_reopens_the_chat_with_the_answer()
    {
        // Nobody online: the visitor leaves a message, then closes the page.
        await using (var visitor = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } }))
        {
            var shop = await visitor.NewPageAsync();
            await shop.GotoAsync(_server.BaseUrl.ToString());
            await Pages.OpenWidgetAsync(shop);
            var widget = Pages.Widget(shop);
            await widget.GetByTestId("away-name").FillAsync("Dana Berg");
            await widget.GetByTestId("away-email").FillAsync("dana@example.com");
            await widget.GetByTestId("away-text").FillAsync("Do you ship to Austria?");
            await widget.GetByTestId("away-submit").ClickAsync();
            await Expect(widget.GetByTestId("follow-up")).ToContainTextAsync("answer by email at dana@example.com");
        }

        // The agent takes it from the queue and answers in the console.
        await using var agentContext = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        var console = await agentContext.NewPageAsync();
        await Pages.SignInAsync(console, _server);
        await console.GetByTestId("queue-row").Filter(new() { HasText = "Dana Berg" }).GetByTestId("take").ClickAsync();
        await Expect(console.GetByTestId("pane-customer")).ToHaveTextAsync("Dana Berg");
        await Pages.SendAsync(console.Locator("body"), "Yes, we ship to Austria in three days, free above €50.");
        await Expect(console.GetByTestId("message-text").Last).ToHaveTextAsync("Yes, we ship to Austria in three days, free above €50.");
        await Expect(console.GetByTestId("email-panel")).ToContainTextAsync("dana@example.com");
        await console.ScreenshotAsync(new() { Path = Pages.ScreenshotPath("email-console-panel.png") });

        // The email, as a mail program shows its HTML part.
        var email = await _mail.WaitForOneAsync();
        Assert.Equal("Alex Admin from Demo Shop answered your message", email.Subject);
        await using var mailContext = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 720, Height = 560 } });
        var mailView = await mailContext.NewPageAsync();
        await mailView.SetContentAsync(email.HtmlBody!);
        await Expect(mailView.GetByText("Yes, we ship to Austria in three days, free above €50.")).ToBeVisibleAsync();
        await mailView.ScreenshotAsync(new() { Path = Pages.ScreenshotPath("email-answer.png") });

        // The link, opened on another device: the chat opens with the question and the answer.
        var link = ReopenLink().Match(email.TextBody!).Value;
        await using var phone = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 420, Height = 760 } });
        var reopened = await phone.NewPageAsync();
        await reopened.GotoAsync(link);
        var chat = Pages.Widget(reopened);
        await Expect(chat.GetByTestId("message-text")).ToHaveTextAsync(["Do you ship to Austria?", "Yes, we ship to Austria in three days, free above €50."]);
        await reopened.ScreenshotAsync(new() { Path = Pages.ScreenshotPath("email-reopened-chat.png") });

        // And the visitor can write on, to the agent who answered.
        await Pages.SendAsync(chat.Locator("body"), "Great, ordering now!");
        await Expect(console.GetByTestId("message-text").Last).ToHaveTextAsync("Great, ordering now!");
    }

    [Fact]
    public async Task A_chat_moved_to_email_shows_the_promise_in_the_widget_and_the_visitor_can_have_the_transcript_mailed()
    {
        await using var agentContext = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        var console = await agentContext.NewPageAsync();
        await Pages.SignInAsync(console, _server);

        await using var visitor = await Pages.NewVisitorAsync(chromium.Browser, _server, "Ana Lima");
        await Pages.SendAsync(visitor.Widget.Locator("body"), "Can you check whether order 1234 has shipped?");
        await Expect(console.GetByTestId("pane-customer")).ToHaveTextAsync("Ana Lima");

        // Ana gave no email before: the console says so, and the widget lets her type one for the transcript.
        await Expect(console.GetByTestId("email-none")).ToBeVisibleAsync();
        await _server.ScalarAsync<long>("UPDATE customers SET email = 'ana@example.com'");
        await console.ReloadAsync();
        await Expect(console.GetByTestId("presence")).ToBeEnabledAsync();
        await console.GetByTestId("chat-row").Filter(new() { HasText = "Ana Lima" }).ClickAsync();
        await console.GetByTestId("move-email").ClickAsync();
        await console.GetByTestId("move-email-what").FillAsync("email you the tracking number");
        await console.ScreenshotAsync(new() { Path = Pages.ScreenshotPath("email-move-form.png") });
        await console.GetByTestId("move-email-save").ClickAsync();
        await Expect(console.GetByTestId("email-status")).ToContainTextAsync("Moved to email");

        // The visitor sees what will come, and by when, and that it comes by email.
        await Expect(visitor.Widget.GetByTestId("promise")).ToContainTextAsync("Alex Admin will email you the tracking number by");
        await Expect(visitor.Widget.GetByTestId("promise")).ToContainTextAsync("We will write to you by email.");
        await visitor.Shop.ScreenshotAsync(new() { Path = Pages.ScreenshotPath("email-moved-widget.png") });
        var moved = await _mail.WaitForOneAsync();
        Assert.Equal("Alex Admin from Demo Shop will answer you by email", moved.Subject);

        // After the chat, "Email me this conversation": the widget never learnt her email, so she types it.
        string? asked = null;
        visitor.Shop.Dialog += async (_, dialog) =>
        {
            asked = dialog.Message;
            await dialog.AcceptAsync("ana.lima@example.com");
        };
        await console.GetByTestId("resolve").ClickAsync();
        await visitor.Widget.GetByTestId("email-transcript").ClickAsync();
        await Expect(visitor.Widget.GetByTestId("email-transcript")).ToHaveTextAsync("✓ Email me this conversation");
        Assert.Equal("Email", asked);
        var transcript = await _mail.WaitForOneAsync(m => m.Subject == "Your conversation with Demo Shop");
        Assert.Equal("ana.lima@example.com", transcript.To.Mailboxes.Single().Address);
        Assert.Contains("You: Can you check whether order 1234 has shipped?", transcript.TextBody);
    }

    [Fact]
    public async Task An_admin_sees_failed_email_with_the_servers_reason_and_sends_it_again()
    {
        await _mail.StopListeningAsync();
        await using var agentContext = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 800 } });
        var console = await agentContext.NewPageAsync();
        await Pages.SignInAsync(console, _server);
        await using var visitor = await Pages.NewVisitorAsync(chromium.Browser, _server, "Ana Lima");
        await Pages.SendAsync(visitor.Widget.Locator("body"), "Please send me our chat.");
        await Expect(console.GetByTestId("pane-customer")).ToHaveTextAsync("Ana Lima");
        // The agent has the message in front of them: the conversation has something to mail.
        await Expect(console.GetByTestId("message").Filter(new() { HasText = "Please send me our chat." })).ToBeVisibleAsync();
        await _server.ScalarAsync<long>("UPDATE customers SET email = 'ana@example.com'");
        var port = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Chat.AgentConsole.Email.IEmailPort>(_server.Services);
        var adminId = await _server.ScalarAsync<string>("SELECT id FROM agents");
        await port.EmailTranscriptAsync(adminId, await _server.ScalarAsync<string>("SELECT id FROM conversations"), CancellationToken.None);
        // The mail server stays away past the last attempt.
        await Email.EmailFlows.WaitUntilAsync(async () => await _server.ScalarAsync<string>("SELECT status FROM email_outbox") == "failed");

        await console.GotoAsync(new Uri(_server.BaseUrl, "console/admin/email").ToString());
        await Expect(console.GetByTestId("failed-email-reason")).Not.ToBeEmptyAsync();
        await console.GetByTestId("email-from-name").FillAsync("Demo Shop Support");
        await console.ScreenshotAsync(new() { Path = Pages.ScreenshotPath("email-admin-failed.png") });

        await _mail.StartListeningAsync();
        await console.GetByTestId("failed-email-resend").ClickAsync();
        await Expect(console.GetByTestId("failed-email-empty")).ToBeVisibleAsync();
        Assert.Equal("ana@example.com", (await _mail.WaitForOneAsync()).To.Mailboxes.Single().Address);
    }

    [GeneratedRegex("https?://\\S+/email/reopen/[0-9a-f]{32}")]
    private static partial Regex ReopenLink();
}
