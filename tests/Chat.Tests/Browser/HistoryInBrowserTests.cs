using Chat.AgentConsole.Port;
using Chat.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chat.Tests.Browser;

/// <summary>Finding a past conversation again in the console: by the list's filters, by its address, and by search.</summary>
[Collection(BrowserCollection.Name)]
public sealed class HistoryInBrowserTests(Chromium chromium) : IAsyncLifetime
{
    private ChatServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatServer.StartAsync("--Chat:Limits:ConversationsPerIpPerMinute=1000", "--Chat:Limits:VisitorsPerIpPerMinute=1000");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_low_rating_is_found_by_filter_and_by_search_and_reads_back_with_its_note_and_transfer()
    {
        var conversationId = await SeedAsync();

        await using var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 860 } });
        var console = await context.NewPageAsync();
        await Pages.SignInAsync(console, _server);
        await console.GetByTestId("conversations-link").ClickAsync();
        await Expect(console.GetByTestId("history-row")).ToHaveCountAsync(4);
        await console.ScreenshotAsync(new() { Path = Pages.ScreenshotPath("history-list.png") });

        // The filters make an address: reloading it shows the same.
        await console.GetByTestId("filter-rating").SelectOptionAsync("2");
        await console.GetByTestId("filter-apply").ClickAsync();
        await Expect(console).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("rating=2"));
        await Expect(console.GetByTestId("history-row")).ToHaveCountAsync(1);
        await console.ReloadAsync();
        await Expect(console.GetByTestId("history-row")).ToHaveCountAsync(1);

        await console.GetByTestId("history-link").ClickAsync();
        await Expect(console).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"console/conversations/{conversationId}$"));
        await Expect(console.GetByTestId("record-comment")).ToHaveTextAsync("Did not answer my card question");
        await Expect(console.GetByTestId("record-rating")).ToContainTextAsync("2/5");
        await Expect(console.GetByTestId("note")).ToHaveCountAsync(2);
        await Expect(console.GetByTestId("note-transfer")).ToHaveTextAsync("Transferred the chat to Sam Small");
        await Expect(console.GetByTestId("message")).ToHaveCountAsync(3);
        await console.ScreenshotAsync(new() { Path = Pages.ScreenshotPath("history-conversation.png"), FullPage = true });

        // Search, with something hostile in it too.
        await console.GetByTestId("nav-conversations").ClickAsync();
        await console.GetByTestId("search-input").FillAsync("\"card\" <script>alert(1)</script> OR *");
        await console.GetByTestId("search-submit").ClickAsync();
        await Expect(console.GetByTestId("search-empty")).ToBeVisibleAsync();
        await console.GetByTestId("search-input").FillAsync("card");
        await console.GetByTestId("search-submit").ClickAsync();
        await Expect(console.GetByTestId("search-hit")).ToHaveCountAsync(2);
        await Expect(console.GetByTestId("search-snippet").First.Locator("mark")).ToHaveTextAsync("card");
        await console.ScreenshotAsync(new() { Path = Pages.ScreenshotPath("history-search.png") });
        await console.GetByTestId("search-hit-link").First.ClickAsync();
        await Expect(console.GetByTestId("record-title")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_agent_opening_another_site_s_conversation_by_its_address_sees_nothing_of_it()
    {
        var other = await _server.AddSiteAsync("Other Shop", "Olga Other");
        await using var stranger = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync("Zoe Secret", siteKey: other.SiteKey));
        var theirChat = (await stranger.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await stranger.InvokeAsync("Send", new { conversationId = theirChat, clientId = "z-1", text = "My card number is private" });

        await using var context = await chromium.Browser.NewContextAsync();
        var console = await context.NewPageAsync();
        await Pages.SignInAsync(console, _server);
        await console.GotoAsync(new Uri(_server.BaseUrl, $"console/conversations/{theirChat}").ToString());

        await Expect(console.GetByTestId("history-error")).ToContainTextAsync("does not exist or is not yours");
        await Expect(console.Locator("body")).Not.ToContainTextAsync("Zoe Secret");
        await console.GotoAsync(new Uri(_server.BaseUrl, "console/conversations?q=private").ToString());
        await Expect(console.GetByTestId("search-empty")).ToBeVisibleAsync();
    }

    private async Task<string> SeedAsync()
    {
        var tia = await _server.AddAgentAsync("Tia Tran", capacity: 1);
        await using var from = await _server.OpenConsoleAsync(tia.Email, tia.Password);
        await using var widget = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync("Rita Rating", "rita@example.com"));
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await from.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == conversationId);
        await widget.InvokeAsync("Send", new { conversationId, clientId = "v-1", text = "Can I pay with my card in three parts?" });
        await from.Port.AddNoteAsync(from.Agent.Id, conversationId, "n-1", "Card payments are down today", CancellationToken.None);
        var sam = await _server.AddAgentAsync("Sam Small", capacity: 3);
        await using var to = await _server.OpenConsoleAsync(sam.Email, sam.Password);
        await from.Port.TransferAsync(from.Agent.Id, conversationId, to.Agent.Id, "Card question for you", CancellationToken.None);
        await to.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == conversationId);
        await to.SendAsync(conversationId, "Not today, sorry. Try the card later.", "a-1");
        await to.Port.ResolveAsync(to.Agent.Id, conversationId, CancellationToken.None);
        await widget.InvokeAsync("Rate", new { conversationId, rating = 2, comment = "Did not answer my card question" });
        await from.Port.SetPresenceAsync(from.Agent.Id, Presence.Away, CancellationToken.None);

        foreach (var (name, text, rating) in new[] { ("Bea Happy", "Where is my parcel?", 5), ("Carl Calm", "Do you ship to Austria?", 4), ("Dora Door", "Is the shop open on Sunday?", 0) })
        {
            await using var other = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync(name, $"{name.Split(' ')[0].ToLowerInvariant()}@example.com"));
            var id = (await other.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
            await to.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == id);
            await other.InvokeAsync("Send", new { conversationId = id, clientId = "v-1", text });
            await to.SendAsync(id, "Happy to help!", $"a-{name}");
            if (rating > 0)
            {
                await to.Port.ResolveAsync(to.Agent.Id, id, CancellationToken.None);
                await other.InvokeAsync("Rate", new { conversationId = id, rating });
            }
        }

        return conversationId;
    }
}
