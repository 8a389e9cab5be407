using Chat.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chat.Tests.Browser;

/// <summary>The rows of "My chats" in the console, as an agent reads them.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ChatListInBrowserTests(Chromium chromium) : IAsyncLifetime
{
    private ChatServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_transferred_chat_previews_what_the_customer_wrote_not_the_transfer_line()
    {
        await using var alex = await _server.OpenConsoleAsync();
        await using var widget = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync("Ben Okafor"));
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await alex.WaitForAsync<Chat.AgentConsole.Port.ChatAssigned>(a => a.Chat.ConversationId == conversationId);
        await widget.InvokeAsync("Send", new { conversationId, clientId = "v-1", text = "Do you ship to Canada?" });

        var sam = await _server.AddAgentAsync("Sam Small", capacity: 3);
        await using var samContext = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var console = await samContext.NewPageAsync();
        await Pages.SignInAsync(console, _server, sam.Email, sam.Password);

        await alex.Port.TransferAsync(alex.Agent.Id, conversationId, await SamIdAsync(sam.Email), "Shipping is yours", CancellationToken.None);

        var row = console.GetByTestId("chat-row");
        await Expect(row.GetByTestId("chat-customer")).ToHaveTextAsync("Ben Okafor");
        await Expect(row.GetByTestId("chat-preview")).ToHaveTextAsync("Do you ship to Canada?");

        // The same after a reload, when the row comes from the server's list rather than the live event.
        await console.ReloadAsync();
        await Expect(console.GetByTestId("presence")).ToBeEnabledAsync();
        await Expect(console.GetByTestId("chat-row").GetByTestId("chat-preview")).ToHaveTextAsync("Do you ship to Canada?");
    }

    private Task<string> SamIdAsync(string email) =>
        _server.ScalarAsync<string>("SELECT id FROM agents WHERE email = @email", new { email });
}
