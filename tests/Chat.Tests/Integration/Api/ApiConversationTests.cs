using System.Net.Http.Json;
using System.Text.Json;
using Chat.AgentConsole.Port;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Integration.Api;

/// <summary>
/// Conversations and messages over the REST API: writes take the console's path, so the widget
/// and the console see them at once, and the same rules refuse them with the same codes.
/// </summary>
public sealed class ApiConversationTests : IAsyncLifetime
{
    private ChatServer _server = null!;
    private HttpClient _api = null!;

    public async Task InitializeAsync()
    {
        _server = await ChatServer.StartAsync();
        _api = _server.ApiClient(await _server.CreateApiKeyAsync(["read", "write"]));
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_message_sent_through_the_api_reaches_the_visitor_and_the_console_at_once()
    {
        await using var agent = await _server.OpenConsoleAsync();
        var (widget, conversationId) = await _server.StartChatAsync(agent);
        await using var _ = widget;

        var sent = await (await _api.PostAsJsonAsync($"conversations/{conversationId}/messages",
            new { clientId = "crm-1", text = "Your order left the warehouse <b>today</b>." })).JsonAsync();

        Assert.Equal(2, sent.GetProperty("seq").GetInt64());
        Assert.Equal("agent", sent.GetProperty("sender").GetString());
        var shown = await widget.WaitForEventAsync("message", m => m.GetProperty("clientId").GetString() == "crm-1");
        Assert.Equal("Your order left the warehouse <b>today</b>.", shown.GetProperty("text").GetString());
        await agent.WaitForAsync<MessagePosted>(m => m.Message.ClientId == "crm-1");
        var messages = await (await _api.GetAsync($"conversations/{conversationId}/messages?after=1")).JsonAsync();
        Assert.Equal("crm-1", Assert.Single(messages.GetProperty("items").EnumerateArray()).GetProperty("clientId").GetString());
    }

    [Fact]
    public async Task A_retried_client_id_returns_the_first_message_and_stores_one()
    {
        await using var agent = await _server.OpenConsoleAsync();
        var (widget, conversationId) = await _server.StartChatAsync(agent);
        await using var _ = widget;

        var first = await (await _api.PostAsJsonAsync($"conversations/{conversationId}/messages", new { clientId = "same", text = "Hello" })).JsonAsync();
        var again = await (await _api.PostAsJsonAsync($"conversations/{conversationId}/messages", new { clientId = "same", text = "Hello" })).JsonAsync();

        Assert.Equal(first.GetProperty("seq").GetInt64(), again.GetProperty("seq").GetInt64());
        Assert.Equal(2L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM messages WHERE conversation_id = @conversationId", new { conversationId }));
    }

    [Fact]
    public async Task An_idempotency_key_replays_the_first_answer_and_refuses_another_request()
    {
        await using var agent = await _server.OpenConsoleAsync();
        var (widget, conversationId) = await _server.StartChatAsync(agent);
        await using var _ = widget;

        var first = await SendWithKeyAsync(conversationId, "key-1", new { clientId = "a", text = "Once" });
        var replay = await SendWithKeyAsync(conversationId, "key-1", new { clientId = "a", text = "Once" });
        var reused = await SendWithKeyAsync(conversationId, "key-1", new { clientId = "b", text = "Something else" });

        Assert.Equal(await first.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal("idempotency_key_reused", await reused.ProblemCodeAsync(400));
        Assert.Equal(2L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM messages WHERE conversation_id = @conversationId", new { conversationId }));
    }

    [Fact]
    public async Task Bad_bodies_get_problem_details_with_a_code_and_change_nothing()
    {
        await using var agent = await _server.OpenConsoleAsync();
        var (widget, conversationId) = await _server.StartChatAsync(agent);
        await using var _ = widget;

        Assert.Equal("message_empty", await (await _api.PostAsJsonAsync($"conversations/{conversationId}/messages", new { clientId = "e", text = "   " })).ProblemCodeAsync(400));
        Assert.Equal("message_too_long", await (await _api.PostAsJsonAsync($"conversations/{conversationId}/messages", new { clientId = "l", text = new string('x', 4001) })).ProblemCodeAsync(400));
        Assert.Equal("invalid_request", await (await _api.PostAsJsonAsync($"conversations/{conversationId}/messages", new { clientId = "u", text = "Hi", admin = true })).ProblemCodeAsync(400));
        Assert.Equal("invalid_request", await (await _api.PostAsync($"conversations/{conversationId}/messages", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"))).ProblemCodeAsync(400));
        Assert.Equal("unknown_agent", await (await _api.PostAsJsonAsync($"conversations/{conversationId}/assign", new { agentId = "' OR 1=1 --" })).ProblemCodeAsync(404));
        Assert.Equal("status_invalid", await (await _api.GetAsync("conversations?status=deleted")).ProblemCodeAsync(400));
        Assert.Equal("cursor_invalid", await (await _api.GetAsync("conversations?cursor=bm90LWEtY3Vyc29y")).ProblemCodeAsync(400));
        Assert.Equal("limit_invalid", await (await _api.GetAsync("conversations?limit=100000")).ProblemCodeAsync(400));

        Assert.Equal(1L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM messages WHERE conversation_id = @conversationId", new { conversationId }));
    }

    [Fact]
    public async Task Lists_page_by_cursor_without_repeating_or_missing_a_conversation()
    {
        await using var agent = await _server.OpenConsoleAsync();
        var ids = new List<string>();
        var widgets = new List<HubSession>();
        foreach (var name in new[] { "Ana", "Ben", "Cleo" })
        {
            var (widget, id) = await _server.StartChatAsync(agent, name);
            widgets.Add(widget);
            ids.Add(id);
        }

        var first = await (await _api.GetAsync("conversations?limit=2")).JsonAsync();
        var next = first.GetProperty("next").GetString();
        var second = await (await _api.GetAsync($"conversations?limit=2&cursor={Uri.EscapeDataString(next!)}")).JsonAsync();

        var seen = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(c => c.GetProperty("id").GetString()).ToList();
        Assert.Equal(Enumerable.Reverse(ids), seen);
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);
        var open = await (await _api.GetAsync($"conversations?status=open&agentId={agent.Agent.Id}")).JsonAsync();
        Assert.Equal(3, open.GetProperty("items").GetArrayLength());
        foreach (var widget in widgets)
        {
            await widget.DisposeAsync();
        }
    }

    [Fact]
    public async Task Resolve_reopen_transfer_tag_and_note_take_the_consoles_path()
    {
        await using var agent = await _server.OpenConsoleAsync();
        var (widget, conversationId) = await _server.StartChatAsync(agent);
        await using var _ = widget;
        var colleague = await _server.AddAgentAsync("Sam Small", 2);
        await using var sam = await _server.OpenConsoleAsync(colleague.Email, colleague.Password);

        var note = await (await _api.PostAsJsonAsync($"conversations/{conversationId}/notes", new { clientId = "n-1", text = "VIP in the CRM", agentId = agent.Agent.Id })).JsonAsync();
        Assert.Equal("VIP in the CRM", note.GetProperty("text").GetString());
        await agent.WaitForAsync<NoteAdded>(n => n.Note.Text == "VIP in the CRM");

        var tags = await (await _api.PostAsJsonAsync($"conversations/{conversationId}/tags", new { tag = "refund" })).JsonAsync();
        Assert.Equal(["refund"], tags.EnumerateArray().Select(t => t.GetString()));

        var transferred = await (await _api.PostAsJsonAsync($"conversations/{conversationId}/transfer", new { toAgentId = sam.Agent.Id, note = "Billing" })).JsonAsync();
        Assert.Equal(sam.Agent.Id, transferred.GetProperty("agentId").GetString());
        await sam.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == conversationId);

        var resolved = await (await _api.PostAsJsonAsync($"conversations/{conversationId}/resolve", new { })).JsonAsync();
        Assert.Equal("resolved", resolved.GetProperty("status").GetString());
        await widget.WaitForEventAsync("conversation", c => c.GetProperty("status").GetString() == "resolved");
        Assert.Equal("conversation_closed", await (await _api.PostAsJsonAsync($"conversations/{conversationId}/resolve", new { })).ProblemCodeAsync(409));

        var reopened = await (await _api.PostAsJsonAsync($"conversations/{conversationId}/reopen", new { })).JsonAsync();
        Assert.Equal("open", reopened.GetProperty("status").GetString());
        var got = await (await _api.GetAsync($"conversations/{conversationId}")).JsonAsync();
        Assert.Equal(["refund"], got.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task A_waiting_conversation_is_assigned_within_capacity()
    {
        var colleague = await _server.AddAgentAsync("Sam Small", 1);
        var samId = await _server.ScalarAsync<string>("SELECT id FROM agents WHERE email = @Email", new { colleague.Email });
        await using var widget = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync());
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await using var widget2 = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync("Ben"));
        var second = (await widget2.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await using var sam = await _server.OpenConsoleAsync(colleague.Email, colleague.Password);
        // Sam comes online with room for one: the first waiting visitor is his, the second still waits.
        await sam.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == conversationId);

        var refused = await _api.PostAsJsonAsync($"conversations/{second}/assign", new { agentId = samId });

        Assert.Equal("cannot_take", await refused.ProblemCodeAsync(409));
        Assert.Equal("queued", await _server.ScalarAsync<string>("SELECT status FROM conversations WHERE id = @second", new { second }));
    }

    [Fact]
    public async Task Agents_customers_and_next_actions_are_listed()
    {
        await using var agent = await _server.OpenConsoleAsync();
        var (widget, conversationId) = await _server.StartChatAsync(agent, "Zoë Example");
        await using var _ = widget;
        await agent.Port.SetNextActionAsync(agent.Agent.Id, conversationId, new NextActionDraft("na-1", "email the tracking number", agent.Agent.Id, DateTimeOffset.UtcNow.AddHours(2)), CancellationToken.None);

        var agents = await (await _api.GetAsync("agents")).JsonAsync();
        var me = agents.EnumerateArray().Single(a => a.GetProperty("id").GetString() == agent.Agent.Id);
        Assert.Equal("online", me.GetProperty("presence").GetString());
        Assert.Equal(1, me.GetProperty("load").GetInt32());

        var found = await (await _api.GetAsync("customers?q=ZOË")).JsonAsync();
        Assert.Equal("Zoë Example", Assert.Single(found.GetProperty("items").EnumerateArray()).GetProperty("name").GetString());
        Assert.Empty((await (await _api.GetAsync("customers?q=%25")).JsonAsync()).GetProperty("items").EnumerateArray());

        var actions = await (await _api.GetAsync("next-actions?status=open")).JsonAsync();
        Assert.Equal("email the tracking number", Assert.Single(actions.GetProperty("items").EnumerateArray()).GetProperty("what").GetString());
    }

    private async Task<HttpResponseMessage> SendWithKeyAsync(string conversationId, string key, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"conversations/{conversationId}/messages") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await _api.SendAsync(request);
    }
}
