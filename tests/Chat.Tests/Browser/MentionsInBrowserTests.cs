using Chat.AgentConsole.Port;
using Chat.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chat.Tests.Browser;

/// <summary>An agent asks a colleague for help inside a chat with an @mention in a note.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MentionsInBrowserTests(Chromium chromium) : IAsyncLifetime
{
    private ChatServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_mentioned_colleague_sees_the_note_in_their_mentions_and_reads_the_chat_without_replying()
    {
        await using var alex = await _server.OpenConsoleAsync();
        await using var widget = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync("Ana Lima"));
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await alex.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == conversationId);
        await widget.InvokeAsync("Send", new { conversationId, clientId = "v-1", text = "My refund has not arrived." });

        var sam = await _server.AddAgentAsync("Sam Small", capacity: 3);
        await using var samContext = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var console = await samContext.NewPageAsync();
        await Pages.SignInAsync(console, _server, sam.Email, sam.Password);
        await console.GetByTestId("presence").SelectOptionAsync("Away");

        await alex.Port.AddNoteAsync(alex.Agent.Id, conversationId, "n-1", "@Sam Small can you check the refund?", CancellationToken.None);

        await Expect(console.GetByTestId("notice")).ToContainTextAsync("Alex Admin mentioned you in a note on Ana Lima's chat.");
        var row = console.GetByTestId("mention-row");
        await Expect(row.GetByTestId("mention-text")).ToHaveTextAsync("@Sam Small can you check the refund?");
        await row.GetByRole(AriaRole.Button).ClickAsync();

        await Expect(console.GetByTestId("pane-customer")).ToHaveTextAsync("Ana Lima");
        await Expect(console.GetByTestId("message-text")).ToHaveTextAsync(["My refund has not arrived.", "@Sam Small can you check the refund?"]);
        await Expect(console.GetByTestId("read-only")).ToBeVisibleAsync();
        await Expect(console.GetByTestId("mode-reply")).ToBeDisabledAsync();
        await Expect(console.GetByTestId("resolve")).ToHaveCountAsync(0);
        await Expect(console.GetByTestId("transfer")).ToHaveCountAsync(0);
        await console.ScreenshotAsync(new() { Path = Pages.ScreenshotPath("mention-read-only.png") });

        await Pages.SendAsync(console.Locator("body"), "Refund went out yesterday, tell her 3 to 5 days.");
        var answer = await alex.WaitForAsync<NoteAdded>(n => n.Note.Text.StartsWith("Refund went out", StringComparison.Ordinal));
        Assert.Equal("Sam Small", answer.Note.AuthorName);
        Assert.DoesNotContain(widget.Received("message"), m => m.GetProperty("sender").GetString() == "agent");
    }
}
