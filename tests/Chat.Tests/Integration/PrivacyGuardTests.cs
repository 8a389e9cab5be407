using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Chat.AgentConsole.Port;
using Chat.Server.Events;
using Chat.Server.Storage;
using Chat.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chat.Tests.Integration;

/// <summary>
/// The privacy guard as a visitor and agents meet it: a card number or IBAN typed anywhere is
/// masked before it is stored, published or logged, and is then nowhere in clear: not in any
/// text column of the database, not in any event, not in the log.
/// </summary>
public sealed class PrivacyGuardTests : IAsyncLifetime
{
    private const string Card = "4111 1111 1111 1111";
    private const string OtherCard = "5500-0000-0000-0004";
    private const string Iban = "DE89 3704 0044 0532 0130 00";

    /// <summary>What must never be found, with every separator taken out: enough of each number to be the number.</summary>
    private static readonly string[] Clear = ["411111111111", "550000000000", "DE8937040044", "370400440532"];

    private readonly LogCapture _log = new();
    private readonly ConcurrentQueue<string> _events = new();
    private ChatServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await ChatServer.StartAsync(
            s => s.AddSingleton<ILoggerProvider>(_log),
            // Debug, so that anything the server might say about a message is in the captured log.
            "--Logging:LogLevel:Default=Debug");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_card_number_or_iban_typed_anywhere_is_nowhere_in_clear()
    {
        var bus = _server.Services.GetRequiredService<IEventBus>();
        var siteId = await _server.ScalarAsync<string>("SELECT id FROM sites WHERE site_key = @SiteKey", new { ChatServer.SiteKey });
        using var siteEvents = bus.Subscribe(Channels.Site(siteId), new Recorder(_events));

        await using var agent = await _server.OpenConsoleAsync();
        using var agentEvents = bus.Subscribe(Channels.Agent(agent.Agent.Id), new Recorder(_events));
        var visitor = await _server.NewVisitorAsync($"Ana {Card}");
        using var visitorEvents = bus.Subscribe(Channels.Visitor(visitor.CustomerId), new Recorder(_events));
        await using var widget = await _server.ConnectVisitorAsync(visitor);
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await agent.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == conversationId);

        // The visitor types (the live preview), reports a checkout page and sends.
        await widget.InvokeAsync("Typing", new { conversationId, text = "my card is 4111 1111 11" });
        var unfinished = await agent.WaitForAsync<VisitorTyping>(t => t.IsTyping);
        Assert.Equal("my card is ••••", unfinished.Preview);
        await widget.InvokeAsync("Typing", new { conversationId, text = $"my card is {Card}" });
        Assert.Equal("my card is •••• •••• •••• 1111", (await agent.WaitForAsync<VisitorTyping>(t => t.Preview.Contains("1111", StringComparison.Ordinal))).Preview);
        await widget.InvokeAsync("ReportPage", new { url = $"https://shop.test/checkout?card={Uri.EscapeDataString(Card)}&iban={Iban.Replace(' ', '+')}", title = $"Pay {Card}", timeZone = "Europe/Vienna" });

        var sent = await widget.InvokeAsync("Send", new { conversationId, clientId = "v-1", text = $"my card is {Card}, please charge it" });
        Assert.Equal("my card is •••• •••• •••• 1111, please charge it", sent.GetProperty("text").GetString());
        var posted = await agent.WaitForAsync<MessagePosted>(m => m.Message.ClientId == "v-1");
        Assert.Equal("my card is •••• •••• •••• 1111, please charge it", posted.Message.Text);
        Assert.True(posted.Message.Masked);

        // The agent replies, writes a note and hands the chat to a colleague with a note.
        var reply = await agent.SendAsync(conversationId, $"We have {Iban} on file, and please never send {OtherCard} here.", "a-1");
        Assert.Equal("We have •••• •••• •••• •••• 3000 on file, and please never send •••• •••• •••• 0004 here.", reply.Text);
        Assert.True(reply.Masked);
        var note = await agent.Port.AddNoteAsync(agent.Agent.Id, conversationId, "n-1", $"Customer pasted {Card}", CancellationToken.None);
        Assert.Equal("Customer pasted •••• •••• •••• 1111", note.Text);
        var sam = await _server.AddAgentAsync("Sam Second", capacity: 2);
        await using var colleague = await _server.OpenConsoleAsync(sam.Email, sam.Password);
        using var colleagueEvents = bus.Subscribe(Channels.Agent(colleague.Agent.Id), new Recorder(_events));
        await agent.Port.TransferAsync(agent.Agent.Id, conversationId, colleague.Agent.Id, $"Card {OtherCard} needs a refund", CancellationToken.None);
        var handedOver = await colleague.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == conversationId);
        Assert.Equal("Card •••• •••• •••• 0004 needs a refund", handedOver.Handover!.Note);

        // The colleague resolves; the visitor rates with a comment.
        await colleague.Port.ResolveAsync(colleague.Agent.Id, conversationId, CancellationToken.None);
        await widget.WaitForEventAsync("conversation", c => c.GetProperty("status").GetString() == "resolved");
        var rated = await widget.InvokeAsync("Rate", new { conversationId, rating = 4, comment = $"Refund to {Iban} please" });
        Assert.Equal("Refund to •••• •••• •••• •••• 3000 please", rated.GetProperty("ratingComment").GetString());

        // Another visitor leaves a message while nobody is there, and a third is identified by the shop.
        var left = await _server.Http.PostAsJsonAsync("api/offline-messages", new
        {
            siteKey = ChatServer.SiteKey,
            name = $"Bo {OtherCard}",
            email = "bo@example.com",
            clientId = "off-1",
            text = $"Charge {Card} and refund to {Iban}",
        });
        Assert.Equal(HttpStatusCode.OK, left.StatusCode);
        Assert.Equal("Bo •••• •••• •••• 0004", (await left.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString());
        var identified = await _server.Http.PostAsJsonAsync("api/visitors/identify", new { siteKey = ChatServer.SiteKey, id = "shop-7", name = $"Cy {Card}" });
        Assert.Equal(HttpStatusCode.OK, identified.StatusCode);

        // The transcript as the console opens it, and as the visitor's widget downloads it.
        var detail = await colleague.Port.OpenChatAsync(colleague.Agent.Id, conversationId, CancellationToken.None);
        Assert.Equal("Ana •••• •••• •••• 1111", detail.Customer.Name);
        Assert.Equal("https://shop.test/checkout?card=•••• •••• •••• 1111&iban=•••• •••• •••• •••• 3000", detail.Customer.Page!.Url);
        Assert.All(detail.Messages.Where(m => m.Sender != SenderKind.System), m => Assert.True(m.Masked));
        var resumed = await widget.InvokeAsync("Resume");

        AssertNoClearNumber("the console's transcript", JsonSerializer.Serialize(detail));
        AssertNoClearNumber("the widget's transcript", resumed.ToString());
        AssertNoClearNumber("the events the visitor received", string.Join('\n', widget.Received("message").Concat(widget.Received("conversation")).Select(e => e.ToString())));
        AssertNoClearNumber("the published events", string.Join('\n', _events));
        await AssertNoClearNumberStoredAsync();
        AssertNoClearNumber("the log", string.Join('\n', _log.Lines));
        Assert.NotEmpty(_events);
        Assert.NotEmpty(_log.Lines);
    }

    [Fact]
    public async Task An_admin_can_turn_the_guard_off_for_a_site_and_on_again()
    {
        await using var agent = await _server.OpenConsoleAsync();
        var admin = _server.AdminPort();
        var site = (await admin.GetSitesAsync(agent.Agent.Id, CancellationToken.None)).Single(s => s.SiteKey == ChatServer.SiteKey);
        Assert.True(site.MaskPrivateData);

        var off = await admin.UpdateSiteAsync(agent.Agent.Id, site with { MaskPrivateData = false }, CancellationToken.None);
        Assert.False(off.MaskPrivateData);
        await using var widget = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync());
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        var clear = await widget.InvokeAsync("Send", new { conversationId, clientId = "v-1", text = $"card {Card}" });
        Assert.Equal($"card {Card}", clear.GetProperty("text").GetString());

        await admin.UpdateSiteAsync(agent.Agent.Id, off with { MaskPrivateData = true }, CancellationToken.None);
        var masked = await widget.InvokeAsync("Send", new { conversationId, clientId = "v-2", text = $"card {Card}" });
        Assert.Equal("card •••• •••• •••• 1111", masked.GetProperty("text").GetString());
        Assert.Contains("data-mask-private-data=\"true\"", await _server.Http.GetStringAsync($"widget/frame?site={ChatServer.SiteKey}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_guard_of_one_site_does_not_follow_another_sites_setting()
    {
        var other = await _server.AddSiteAsync("Other shop", "Olga Other");
        var admin = _server.AdminPort();
        var otherSite = (await admin.GetSitesAsync(other.AdminId, CancellationToken.None)).Single();
        await admin.UpdateSiteAsync(other.AdminId, otherSite with { MaskPrivateData = false }, CancellationToken.None);

        // The other admin cannot turn off the guard of a site that is not theirs.
        var demoSiteId = await _server.ScalarAsync<string>("SELECT id FROM sites WHERE site_key = @SiteKey", new { ChatServer.SiteKey });
        var refused = await Assert.ThrowsAsync<ConsoleActionException>(() => admin.UpdateSiteAsync(other.AdminId, otherSite with { Id = demoSiteId, MaskPrivateData = false }, CancellationToken.None));
        Assert.Equal("not_found", refused.Code);

        await using var widget = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync());
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        var sent = await widget.InvokeAsync("Send", new { conversationId, clientId = "v-1", text = Card });
        Assert.Equal("•••• •••• •••• 1111", sent.GetProperty("text").GetString());
    }

    private static void AssertNoClearNumber(string where, string text)
    {
        var compact = Compact(text);
        foreach (var number in Clear)
        {
            Assert.False(compact.Contains(number, StringComparison.Ordinal), $"{number}… was found in clear in {where}.");
        }
    }

    /// <summary>Every text column of every table, read back as stored.</summary>
    private async Task AssertNoClearNumberStoredAsync()
    {
        var database = _server.Services.GetRequiredService<Database>();
        var texts = await database.RunAsync(async (c, ct) =>
        {
            var found = new List<string>();
            foreach (var table in await c.QueryAsync<string>(new CommandDefinition("SELECT name FROM sqlite_master WHERE type = 'table';", cancellationToken: ct)))
            {
                var columns = await c.QueryAsync<(string Name, string Type)>(new CommandDefinition($"SELECT name, type FROM pragma_table_info('{table}');", cancellationToken: ct));
                foreach (var (column, type) in columns.Where(col => col.Type.Contains("TEXT", StringComparison.OrdinalIgnoreCase)))
                {
                    var values = await c.QueryAsync<string?>(new CommandDefinition($"SELECT \"{column}\" FROM \"{table}\";", cancellationToken: ct));
                    found.AddRange(values.Where(v => v is not null).Select(v => $"{table}.{column}: {v}"));
                }
            }

            return found;
        }, CancellationToken.None);

        Assert.Contains(texts, t => t.StartsWith("messages.text: ", StringComparison.Ordinal) && t.Contains("•••• 1111", StringComparison.Ordinal));
        foreach (var text in texts)
        {
            AssertNoClearNumber("the database (" + text[..text.IndexOf(':', StringComparison.Ordinal)] + ")", text);
        }
    }

    /// <summary>Letters and digits only, in capitals: a number is found however it was spaced or escaped in JSON.</summary>
    private static string Compact(string text)
    {
        var unescaped = text.Replace("\\u002B", "+", StringComparison.Ordinal);
        var result = new StringBuilder(unescaped.Length);
        foreach (var c in unescaped.Where(char.IsAsciiLetterOrDigit))
        {
            result.Append(char.ToUpperInvariant(c));
        }

        return result.ToString();
    }

    private sealed class Recorder(ConcurrentQueue<string> events) : IEventListener
    {
        public void Offer(ChatEvent chatEvent) => events.Enqueue(JsonSerializer.Serialize(chatEvent));
    }

    /// <summary>Every line the server logs, with its arguments and exception.</summary>
    private sealed class LogCapture : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(LogCapture capture, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                capture.Lines.Enqueue($"{category} {formatter(state, exception)} {state} {exception}");
        }
    }
}
