using Chat.AgentConsole.Port;
using Chat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Tests.Integration;

/// <summary>
/// Every past conversation findable: the conversations list with its filters and pages, a
/// conversation read back whole, and search, each within the agent's own sites.
/// </summary>
public sealed class ConversationHistoryTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private ChatServer _server = null!;
    private readonly List<AsyncServiceScope> _scopes = [];

    public async Task InitializeAsync() => _server = await ChatServer.StartAsync("--Chat:Limits:ConversationsPerIpPerMinute=1000", "--Chat:Limits:VisitorsPerIpPerMinute=1000");

    public async Task DisposeAsync()
    {
        foreach (var scope in _scopes)
        {
            await scope.DisposeAsync();
        }

        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_resolved_and_rated_chat_is_listed_and_reads_back_whole_with_notes_and_the_transfer()
    {
        var tia = await _server.AddAgentAsync("Tia Tran", capacity: 1);
        await using var from = await _server.OpenConsoleAsync(tia.Email, tia.Password);
        await using var widget = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync("Rita Rating", "rita@example.com"));
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await from.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == conversationId);
        await widget.InvokeAsync("Send", new { conversationId, clientId = "v-1", text = "Can I pay with my card?" });
        await from.Port.AddNoteAsync(from.Agent.Id, conversationId, "n-1", "Card payments are down today", None);
        var sam = await _server.AddAgentAsync("Sam Small", capacity: 1);
        await using var to = await _server.OpenConsoleAsync(sam.Email, sam.Password);
        await from.Port.TransferAsync(from.Agent.Id, conversationId, to.Agent.Id, "Card question for you", None);
        await to.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == conversationId);
        await to.SendAsync(conversationId, "Not today, sorry.", "a-1");
        await to.Port.ResolveAsync(to.Agent.Id, conversationId, None);
        await widget.InvokeAsync("Rate", new { conversationId, rating = 2, comment = "Did not answer my card question" });

        var port = HistoryPort();
        var admin = await AdminIdAsync();
        var low = await port.ListAsync(admin, new ConversationFilter { Rating = 2, Status = "resolved" }, None);
        var record = await port.OpenAsync(admin, conversationId, None);

        var row = Assert.Single(low.Rows);
        Assert.Equal((conversationId, "Rita Rating", "Sam Small", 2), (row.Id, row.CustomerName, row.AgentName, row.Rating));
        Assert.Null(low.Next);
        Assert.Equal(["Can I pay with my card?", "Sam Small took over the chat", "Not today, sorry."], record.Messages.Select(m => m.Text));
        Assert.Equal((2, "Did not answer my card question"), (record.Rating, record.RatingComment));
        Assert.Equal([NoteKind.Note, NoteKind.Transfer], record.Notes.Select(n => n.Kind));
        Assert.Equal("Sam Small", record.Notes[1].TargetName);
        Assert.Equal("resolved", record.Status);
        Assert.Equal("rita@example.com", record.Customer.Email);

        var found = await port.SearchAsync(admin, "card question", 1, None);
        Assert.Empty(found.Messages); // a rating comment is not a message; the messages say "card" and "question" apart
        var card = await port.SearchAsync(admin, "CARD", 1, None);
        Assert.Equal([conversationId], card.Messages.Select(m => m.ConversationId).Distinct());
        Assert.Contains(card.Messages[0].Snippet, p => p is { Text: "card", Match: true });
        var customer = Assert.Single((await port.SearchAsync(admin, "rita@example", 1, None)).Customers);
        Assert.Equal("Rita Rating", string.Concat(customer.Name.Select(p => p.Text)));
        Assert.Equal([("rita", true), ("@", false), ("example", true), (".com", false)], customer.Email.Select(p => (p.Text, p.Match)));
    }

    [Fact]
    public async Task Pages_follow_one_another_newest_first_without_a_gap_or_a_repeat()
    {
        await using var agent = await _server.OpenConsoleAsync();
        var started = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            await using var widget = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync($"Visitor {i}"));
            started.Add((await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!);
        }

        var port = HistoryPort();
        var admin = await AdminIdAsync();
        var first = await port.ListAsync(admin, new ConversationFilter(), None);
        var second = await port.ListAsync(admin, new ConversationFilter { After = first.Next }, None);

        Assert.Equal(25, first.Rows.Count);
        Assert.Equal(5, second.Rows.Count);
        Assert.Null(second.Next);
        var listed = first.Rows.Concat(second.Rows).ToList();
        Assert.Equal(started.Order(), listed.Select(r => r.Id).Order());
        Assert.Equal(listed.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id, StringComparer.Ordinal).Select(r => r.Id), listed.Select(r => r.Id));
        var bad = await Assert.ThrowsAsync<ConsoleActionException>(() => port.ListAsync(admin, new ConversationFilter { After = "not-a-cursor" }, None));
        Assert.Equal("filter_invalid", bad.Code);
    }

    [Fact]
    public async Task An_admin_of_two_sites_pages_through_both_newest_first_without_a_gap_or_a_repeat()
    {
        // Each site's page is read apart and the two merged: the merge must keep the order and the cursor.
        await using var agent = await _server.OpenConsoleAsync();
        var admin = await AdminIdAsync();
        var other = await _server.AddSiteAsync("Second shop", "Sid Second");
        await _server.ScalarAsync<long>("INSERT INTO site_agents (site_id, agent_id) VALUES (@site, @admin); SELECT 1;", new { site = other.Id, admin });
        var started = new List<string>();
        for (var i = 0; i < 31; i++)
        {
            var siteKey = i % 3 == 0 ? other.SiteKey : ChatServer.SiteKey;
            await using var widget = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync($"Visitor {i}", $"v{i}@example.com", siteKey));
            started.Add((await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!);
        }

        var port = HistoryPort();
        var listed = new List<ConversationListItem>();
        string? after = null;
        do
        {
            var page = await port.ListAsync(admin, new ConversationFilter { After = after }, None);
            listed.AddRange(page.Rows);
            after = page.Next;
        }
        while (after is not null);

        Assert.Equal(started.Order(), listed.Select(r => r.Id).Order());
        Assert.Equal(listed.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id, StringComparer.Ordinal).Select(r => r.Id), listed.Select(r => r.Id));
        Assert.Equal(11, listed.Count(r => r.SiteName == "Second shop"));
    }

    [Fact]
    public async Task Filters_by_tag_open_next_action_agent_and_day()
    {
        await using var agent = await _server.OpenConsoleAsync();
        await using var widget = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync("Tom Tagged"));
        var tagged = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await agent.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == tagged);
        await agent.Port.AddConversationTagAsync(agent.Agent.Id, tagged, "Shipping", None);
        await agent.Port.SetNextActionAsync(agent.Agent.Id, tagged, new NextActionDraft("na-1", "email you the tracking number", agent.Agent.Id, DateTimeOffset.UtcNow.AddDays(1)), None);
        await using var other = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync("Quinn Queued"));
        await other.InvokeAsync("StartConversation");

        var port = HistoryPort();
        var admin = agent.Agent.Id;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        Assert.Equal([tagged], (await port.ListAsync(admin, new ConversationFilter { Tag = "shipping" }, None)).Rows.Select(r => r.Id));
        Assert.Equal([tagged], (await port.ListAsync(admin, new ConversationFilter { OpenAction = true }, None)).Rows.Select(r => r.Id));
        Assert.Equal(2, (await port.ListAsync(admin, new ConversationFilter { AgentId = admin }, None)).Rows.Count);
        Assert.Empty((await port.ListAsync(admin, new ConversationFilter { AgentId = "someone-else" }, None)).Rows);
        Assert.Equal(2, (await port.ListAsync(admin, new ConversationFilter { From = today, To = today }, None)).Rows.Count);
        Assert.Empty((await port.ListAsync(admin, new ConversationFilter { To = today.AddDays(-1) }, None)).Rows);
        Assert.True(Assert.Single((await port.ListAsync(admin, new ConversationFilter { Tag = "shipping" }, None)).Rows).HasOpenAction);
    }

    [Fact]
    public async Task Another_site_s_admin_lists_finds_and_opens_none_of_this_site_s_conversations()
    {
        await using var agent = await _server.OpenConsoleAsync();
        await using var widget = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync("Secret Sally", "sally@example.com"));
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await widget.InvokeAsync("Send", new { conversationId, clientId = "v-1", text = "My passport number is hidden somewhere" });
        var other = await _server.AddSiteAsync("Other shop", "Olga Other");
        var thisSiteId = await _server.ScalarAsync<string>("SELECT id FROM sites WHERE site_key = @key", new { key = ChatServer.SiteKey });

        var port = HistoryPort();
        Assert.Empty((await port.ListAsync(other.AdminId, new ConversationFilter(), None)).Rows);
        Assert.Empty((await port.SearchAsync(other.AdminId, "passport", 1, None)).Messages);
        Assert.Empty((await port.SearchAsync(other.AdminId, "sally", 1, None)).Customers);
        var open = await Assert.ThrowsAsync<ConsoleActionException>(() => port.OpenAsync(other.AdminId, conversationId, None));
        Assert.Equal("not_your_conversation", open.Code);
        var site = await Assert.ThrowsAsync<ConsoleActionException>(() => port.ListAsync(other.AdminId, new ConversationFilter { SiteId = thisSiteId }, None));
        Assert.Equal("filter_invalid", site.Code);
        Assert.DoesNotContain((await port.GetChoicesAsync(other.AdminId, None)).Sites, s => s.Id == thisSiteId);

        // This site's own admin finds it.
        Assert.Single((await port.SearchAsync(agent.Agent.Id, "passport", 1, None)).Messages);
    }

    private IHistoryPort HistoryPort()
    {
        var scope = _server.Services.CreateAsyncScope();
        _scopes.Add(scope);
        return scope.ServiceProvider.GetRequiredService<IHistoryPort>();
    }

    private Task<string> AdminIdAsync() => _server.ScalarAsync<string>("SELECT id FROM agents WHERE email = @email", new { email = ChatServer.AdminEmail });
}
