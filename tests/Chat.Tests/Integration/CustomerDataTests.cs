using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chat.AgentConsole.Port;
using Chat.Server.Retention;
using Chat.Server.Storage;
using Chat.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Tests.Integration;

/// <summary>
/// Customers' data handled as the law expects: an admin exports everything about a customer and
/// erases them (nothing personal left in any text column, the counts reports need kept, the
/// erasure audited); a site's retention period erases old resolved chats; a visitor erases their
/// own history; and none of it reaches another site's customers.
/// </summary>
public sealed class CustomerDataTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2030, 5, 6, 9, 0, 0, TimeSpan.Zero);

    // What the customer (or an agent about them) wrote, each a word found nowhere else.
    private const string Name = "Zelda Quixotic";
    private const string Email = "zelda.quixotic@example.com";
    private const string VisitorText = "my parcel to Frobisher Lane never came";
    private const string AgentText = "Sorry Zelda, I will check with Parcelwise";
    private const string NoteText = "Zelda sounds upset about Frobisher Lane";
    private const string ActionText = "call Zelda on her mobile";
    private const string RatingComment = "Frobisher thanks";
    private const string PageTitle = "Zelda's basket";
    private const string PageUrl = "https://shop.test/basket?who=quixotic";
    private const string CustomerTag = "quixotic-vip";
    private static readonly string[] Personal = ["Zelda", "Quixotic", "Frobisher", "Parcelwise", "mobile", "basket"];

    private readonly FakeTimeProvider _time = new(Start);
    private ChatServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await ChatServer.StartAsync(s => s.AddSingleton<TimeProvider>(_time), "--Chat:Retention:CheckSeconds=60");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task An_export_holds_everything_stored_about_the_customer()
    {
        await using var agent = await _server.OpenConsoleAsync();
        var (customerId, conversationId) = await ChatAsync(agent);

        var export = await _server.AdminPort().ExportCustomerAsync(agent.Agent.Id, customerId, CancellationToken.None);
        var json = JsonDocument.Parse(export.Json).RootElement;
        Assert.Equal(Name, json.GetProperty("profile").GetProperty("name").GetString());
        Assert.Equal(Email, json.GetProperty("profile").GetProperty("email").GetString());
        var attributes = json.GetProperty("attributes");
        Assert.Equal(PageUrl, attributes.GetProperty("lastPage").GetProperty("url").GetString());
        Assert.Equal(PageTitle, attributes.GetProperty("lastPage").GetProperty("title").GetString());
        Assert.Equal("Europe/Vienna", attributes.GetProperty("timeZone").GetString());
        Assert.Equal("ZeldaBrowser/1.0", attributes.GetProperty("browser").GetString());
        Assert.Equal([CustomerTag], json.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));

        var chat = Assert.Single(json.GetProperty("conversations").EnumerateArray());
        Assert.Equal(conversationId, chat.GetProperty("id").GetString());
        Assert.Equal(2, chat.GetProperty("rating").GetInt32());
        Assert.Equal(RatingComment, chat.GetProperty("ratingComment").GetString());
        Assert.Contains("shipping", chat.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        var texts = chat.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("text").GetString()).ToList();
        Assert.Contains(VisitorText, texts);
        Assert.Contains(AgentText, texts);
        Assert.Equal(NoteText, Assert.Single(chat.GetProperty("notes").EnumerateArray()).GetProperty("text").GetString());
        // The promise, and the complaint the 2-star rating opened.
        Assert.Contains(ActionText, chat.GetProperty("nextActions").EnumerateArray().Select(a => a.GetProperty("what").GetString()));

        Assert.StartsWith($"customer-{customerId}-2030-05-06", export.FileName, StringComparison.Ordinal);
        Assert.Contains($"{Name}: {VisitorText}", export.Transcript, StringComparison.Ordinal);
        Assert.Contains($"Alex Admin: {AgentText}", export.Transcript, StringComparison.Ordinal);
        Assert.Contains($"Rated 2 of 5: {RatingComment}", export.Transcript, StringComparison.Ordinal);

        var audited = (await _server.AdminPort().GetAuditLogAsync(agent.Agent.Id, new AuditFilter(Action: AuditActions.CustomerExported), CancellationToken.None)).Entries;
        Assert.Equal(("customer", customerId, "Alex Admin"), (Assert.Single(audited).TargetType, audited[0].TargetId, audited[0].ActorName));
    }

    [Fact]
    public async Task An_erased_customer_leaves_nothing_personal_in_any_text_column_and_reports_keep_their_counts()
    {
        await using var agent = await _server.OpenConsoleAsync();
        var (customerId, conversationId) = await ChatAsync(agent);
        var before = await CountsAsync();
        Assert.NotEmpty(await PersonalTextsAsync());

        await _server.AdminPort().EraseCustomerAsync(agent.Agent.Id, customerId, CancellationToken.None);

        Assert.Empty(await PersonalTextsAsync());
        Assert.Equal(before, await CountsAsync());
        Assert.Equal(2L, await _server.ScalarAsync<long>("SELECT rating FROM conversations WHERE id = @conversationId", new { conversationId }));
        Assert.All(
            (await agent.Port.OpenChatAsync(agent.Agent.Id, conversationId, CancellationToken.None)).Messages.Where(m => m.Sender != SenderKind.System),
            m => Assert.Equal("erased", m.Text));

        // The browser's token opens nothing now.
        await Refused.Upgrade(HttpStatusCode.Unauthorized, () => _server.ConnectVisitorAsync(new Visitor(_visitorToken, customerId, Name)));

        var erased = (await _server.AdminPort().GetAuditLogAsync(agent.Agent.Id, new AuditFilter(Action: AuditActions.CustomerErased), CancellationToken.None)).Entries;
        Assert.Equal(customerId, Assert.Single(erased).TargetId);
    }

    [Fact]
    public async Task Another_sites_admin_and_an_agent_can_neither_export_nor_erase()
    {
        await using var agent = await _server.OpenConsoleAsync();
        var (customerId, _) = await ChatAsync(agent);
        var other = await _server.AddSiteAsync("Other shop", "Olga Other");
        var sam = await _server.AddAgentAsync("Sam Second", capacity: 2);
        await using var samConsole = await _server.OpenConsoleAsync(sam.Email, sam.Password);
        var admin = _server.AdminPort();

        foreach (var (who, code) in new[] { (other.AdminId, "not_found"), (samConsole.Agent.Id, "admin_only") })
        {
            Assert.Equal(code, (await Assert.ThrowsAsync<ConsoleActionException>(() => admin.ExportCustomerAsync(who, customerId, CancellationToken.None))).Code);
            Assert.Equal(code, (await Assert.ThrowsAsync<ConsoleActionException>(() => admin.EraseCustomerAsync(who, customerId, CancellationToken.None))).Code);
        }

        Assert.Equal("not_found", (await Assert.ThrowsAsync<ConsoleActionException>(() => admin.EraseCustomerAsync(agent.Agent.Id, "' OR 1=1 --", CancellationToken.None))).Code);
        Assert.Equal(Name, await _server.ScalarAsync<string>("SELECT name FROM customers WHERE id = @customerId", new { customerId }));
        Assert.Equal(0L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM messages WHERE text = 'erased'"));
        Assert.Equal(0L, await _server.ScalarAsync<long>($"SELECT COUNT(*) FROM audit_entries WHERE action IN ('{AuditActions.CustomerErased}', '{AuditActions.CustomerExported}')"));
    }

    [Fact]
    public async Task Resolved_conversations_past_the_sites_retention_are_erased_once_by_the_background_job()
    {
        await using var agent = await _server.OpenConsoleAsync();
        var admin = _server.AdminPort();
        var site = (await admin.GetSitesAsync(agent.Agent.Id, CancellationToken.None)).Single();
        Assert.Equal("retention_days_invalid", (await Assert.ThrowsAsync<ConsoleActionException>(() => admin.UpdateSiteAsync(agent.Agent.Id, site with { RetentionDays = 0 }, CancellationToken.None))).Code);
        var saved = await admin.UpdateSiteAsync(agent.Agent.Id, site with { RetentionDays = 30 }, CancellationToken.None);
        Assert.Equal(30, saved.RetentionDays);
        Assert.Equal(30, (await admin.GetSitesAsync(agent.Agent.Id, CancellationToken.None)).Single().RetentionDays);

        var (_, oldChat) = await ChatAsync(agent);
        // A chat still open, and a chat on a site that keeps everything, are never touched.
        var (openWidget, openChat) = await StartChatAsync("Olive Open");
        await using var __ = openWidget;
        var other = await _server.AddSiteAsync("Keeps everything", "Kim Keeper");
        var keptVisitor = await _server.NewVisitorAsync("Kurt Kept", siteKey: other.SiteKey);
        Assert.Null((await admin.GetSitesAsync(other.AdminId, CancellationToken.None)).Single().RetentionDays);

        var job = _server.Services.GetRequiredService<RetentionJob>();
        // Jumped, not advanced: a fake clock fires every periodic timer once per period it passes.
        _time.AdjustTime(_time.GetUtcNow().AddDays(30).AddMinutes(-1));
        Assert.Equal(0, await job.EraseExpiredAsync(CancellationToken.None));
        Assert.Equal(VisitorText, await FirstVisitorTextAsync(oldChat));

        // Past 30 days the timer's pass erases it: wait for that, not for a fixed time.
        _time.Advance(TimeSpan.FromMinutes(2));
        await WaitUntilAsync(async () => await FirstVisitorTextAsync(oldChat) == "erased");
        Assert.Null(await _server.ScalarAsync<string?>("SELECT rating_comment FROM conversations WHERE id = @oldChat", new { oldChat }));
        Assert.Equal(2L, await _server.ScalarAsync<long>("SELECT rating FROM conversations WHERE id = @oldChat", new { oldChat }));
        Assert.Equal(VisitorText, await FirstVisitorTextAsync(openChat));
        Assert.Equal("Kurt Kept", await _server.ScalarAsync<string>("SELECT name FROM customers WHERE id = @CustomerId", new { keptVisitor.CustomerId }));

        // Several nodes passing at once erase, and audit, each conversation once.
        var passes = await Task.WhenAll(job.EraseExpiredAsync(CancellationToken.None), job.EraseExpiredAsync(CancellationToken.None));
        Assert.Equal(0, passes.Sum());
        var audited = (await admin.GetAuditLogAsync(agent.Agent.Id, new AuditFilter(Action: AuditActions.ConversationsExpired), CancellationToken.None)).Entries;
        Assert.Equal(oldChat, Assert.Single(audited).TargetId);
        Assert.Equal("Server", audited[0].ActorName);
    }

    [Fact]
    public async Task Two_nodes_claiming_the_same_expired_conversation_erase_it_once()
    {
        await using var agent = await _server.OpenConsoleAsync();
        var admin = _server.AdminPort();
        var site = (await admin.GetSitesAsync(agent.Agent.Id, CancellationToken.None)).Single();
        await admin.UpdateSiteAsync(agent.Agent.Id, site with { RetentionDays = 1 }, CancellationToken.None);
        await ChatAsync(agent);

        // Both passes read the conversation as due before either erases it.
        var store = _server.Services.GetRequiredService<RetentionStore>();
        var eraser = _server.Services.GetRequiredService<Chat.Server.CustomerData.CustomerEraser>();
        // Asked as of two days on, without moving the clock the background job runs by.
        var due = Assert.Single(await store.ExpiredAsync(_time.GetUtcNow().AddDays(2).ToUnixTimeMilliseconds(), 10, CancellationToken.None));
        var claims = await Task.WhenAll(eraser.EraseConversationAsync(due.Id, CancellationToken.None), eraser.EraseConversationAsync(due.Id, CancellationToken.None));
        Assert.Single(claims, c => c);
        Assert.Empty(await store.ExpiredAsync(_time.GetUtcNow().AddDays(2).ToUnixTimeMilliseconds(), 10, CancellationToken.None));
        Assert.Equal("erased", await FirstVisitorTextAsync(due.Id));
    }

    [Fact]
    public async Task A_visitor_erases_their_own_history_from_the_widget()
    {
        await using var agent = await _server.OpenConsoleAsync();
        var (customerId, _) = await ChatAsync(agent);

        // Only with their own token, on their own site, from the frame's origin.
        Assert.Equal(HttpStatusCode.NotFound, (await EraseAsync(ChatServer.SiteKey, "not-a-token")).StatusCode);
        var other = await _server.AddSiteAsync("Other shop", "Olga Other");
        Assert.Equal(HttpStatusCode.NotFound, (await EraseAsync(other.SiteKey, _visitorToken)).StatusCode);
        using var foreign = new HttpRequestMessage(HttpMethod.Post, "api/visitors/erase") { Content = JsonContent.Create(new { siteKey = ChatServer.SiteKey, token = _visitorToken }) };
        foreign.Headers.Add("Origin", "https://evil.test");
        Assert.Equal(HttpStatusCode.Forbidden, (await _server.Http.SendAsync(foreign)).StatusCode);
        Assert.NotEmpty(await PersonalTextsAsync());

        Assert.Equal(HttpStatusCode.NoContent, (await EraseAsync(ChatServer.SiteKey, _visitorToken)).StatusCode);
        Assert.Empty(await PersonalTextsAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await EraseAsync(ChatServer.SiteKey, _visitorToken)).StatusCode);
        var audited = (await _server.AdminPort().GetAuditLogAsync(agent.Agent.Id, new AuditFilter(Action: AuditActions.VisitorErasedHistory), CancellationToken.None)).Entries;
        Assert.Equal(customerId, Assert.Single(audited).TargetId);
    }

    private string _visitorToken = "";

    /// <summary>A whole chat with every kind of personal data: page, messages, note, tags, a promise, a low rating with a comment.</summary>
    private async Task<(string CustomerId, string ConversationId)> ChatAsync(AgentSession agent)
    {
        var visitor = await _server.NewVisitorAsync(Name, Email);
        _visitorToken = visitor.Token;
        await using var widget = await _server.ConnectVisitorAsync(visitor, userAgent: "ZeldaBrowser/1.0");
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await agent.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == conversationId);
        await widget.InvokeAsync("ReportPage", new { url = PageUrl, title = PageTitle, timeZone = "Europe/Vienna" });
        await widget.InvokeAsync("Send", new { conversationId, clientId = "v-1", text = VisitorText });
        await agent.SendAsync(conversationId, AgentText, "a-1");
        await agent.Port.AddNoteAsync(agent.Agent.Id, conversationId, "n-1", NoteText, CancellationToken.None);
        await agent.Port.AddCustomerTagAsync(agent.Agent.Id, visitor.CustomerId, CustomerTag, CancellationToken.None);
        await agent.Port.AddConversationTagAsync(agent.Agent.Id, conversationId, "shipping", CancellationToken.None);
        await agent.Port.SetNextActionAsync(agent.Agent.Id, conversationId, new NextActionDraft("na-1", ActionText, agent.Agent.Id, Start.AddDays(1)), CancellationToken.None);
        await agent.Port.ResolveAsync(agent.Agent.Id, conversationId, CancellationToken.None);
        await widget.WaitForEventAsync("conversation", c => c.GetProperty("status").GetString() == "resolved");
        await widget.InvokeAsync("Rate", new { conversationId, rating = 2, comment = RatingComment });
        return (visitor.CustomerId, conversationId);
    }

    private async Task<(HubSession Widget, string ConversationId)> StartChatAsync(string name)
    {
        var widget = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync(name, null));
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await widget.InvokeAsync("Send", new { conversationId, clientId = "v-1", text = VisitorText });
        return (widget, conversationId);
    }

    private Task<HttpResponseMessage> EraseAsync(string siteKey, string token) =>
        _server.Http.PostAsJsonAsync("api/visitors/erase", new { siteKey, token });

    private Task<string> FirstVisitorTextAsync(string conversationId) =>
        _server.ScalarAsync<string>("SELECT text FROM messages WHERE conversation_id = @conversationId AND sender = 'visitor' ORDER BY seq", new { conversationId });

    /// <summary>Rows reports count: conversations, messages, ratings, notes, next actions, conversation tags.</summary>
    private async Task<string> CountsAsync() =>
        string.Join(',', await Task.WhenAll(
            new[] { "conversations", "messages", "notes", "next_actions", "conversation_tags", "customers" }
                .Select(t => _server.ScalarAsync<long>($"SELECT COUNT(*) FROM {t}"))
                .Append(_server.ScalarAsync<long>("SELECT COUNT(*) FROM conversations WHERE rating IS NOT NULL"))));

    /// <summary>Every text column of every table (the audit log's too) that holds any of the customer's personal words.</summary>
    private async Task<IReadOnlyList<string>> PersonalTextsAsync() =>
        await _server.Services.GetRequiredService<Database>().RunAsync<IReadOnlyList<string>>(async (c, ct) =>
        {
            var found = new List<string>();
            foreach (var table in await c.QueryAsync<string>(new CommandDefinition("SELECT name FROM sqlite_master WHERE type = 'table';", cancellationToken: ct)))
            {
                var columns = await c.QueryAsync<(string Name, string Type)>(new CommandDefinition($"SELECT name, type FROM pragma_table_info('{table}');", cancellationToken: ct));
                foreach (var (column, _) in columns.Where(col => col.Type.Contains("TEXT", StringComparison.OrdinalIgnoreCase)))
                {
                    var values = await c.QueryAsync<string?>(new CommandDefinition($"SELECT \"{column}\" FROM \"{table}\";", cancellationToken: ct));
                    found.AddRange(values
                        .Where(v => v is not null && Personal.Any(p => v.Contains(p, StringComparison.OrdinalIgnoreCase)))
                        .Select(v => $"{table}.{column}: {v}"));
                }
            }

            return found;
        }, CancellationToken.None);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!await condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
