using Chat.AgentConsole.Port;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Integration;

/// <summary>Transfers and reopened chats: the chat and its load move together, and the visitor is told.</summary>
public sealed class TransferTests : IAsyncLifetime
{
    private ChatServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_transfer_moves_the_chat_and_the_load_tells_the_visitor_and_gives_the_new_agent_the_note()
    {
        var tia = await _server.AddAgentAsync("Tia Tran", capacity: 1);
        await using var from = await _server.OpenConsoleAsync(tia.Email, tia.Password);
        var visitor = await _server.NewVisitorAsync("Ana Lima");
        await using var widget = await _server.ConnectVisitorAsync(visitor);
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await from.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == conversationId);
        await widget.InvokeAsync("Send", new { conversationId, clientId = "v-1", text = "I want a refund" });

        var sam = await _server.AddAgentAsync("Sam Small", capacity: 1);
        await using var to = await _server.OpenConsoleAsync(sam.Email, sam.Password);
        var targets = await from.Port.GetTransferTargetsAsync(from.Agent.Id, conversationId, CancellationToken.None);
        var samTarget = Assert.Single(targets, t => t.Name == "Sam Small");
        Assert.True(samTarget.CanTakeChat);
        Assert.Contains(targets, t => t.Name == "Alex Admin" && t.Presence == Presence.Offline);

        await from.Port.TransferAsync(from.Agent.Id, conversationId, to.Agent.Id, "Refund approved, order 1042", CancellationToken.None);

        // The visitor reads who took over, in the transcript and in the header.
        var system = await widget.WaitForEventAsync("message", m => m.GetProperty("sender").GetString() == "system");
        Assert.Equal("Sam Small took over the chat", system.GetProperty("text").GetString());
        Assert.Equal(2, system.GetProperty("seq").GetInt64());
        var changed = await widget.WaitForEventAsync("conversation", c => c.GetProperty("agentName").GetString() == "Sam Small");
        Assert.Equal("open", changed.GetProperty("status").GetString());

        // The new agent has it, with the note; the old one does not.
        var assigned = await to.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == conversationId);
        Assert.Equal("Tia Tran", assigned.Handover?.FromAgentName);
        Assert.Equal("Refund approved, order 1042", assigned.Handover?.Note);
        Assert.Equal(1, assigned.Chat.Unread);
        await from.WaitForAsync<ChatTransferred>(t => t.ConversationId == conversationId && t.ToAgentName == "Sam Small");
        Assert.Empty(await from.Port.GetMyChatsAsync(from.Agent.Id, CancellationToken.None));
        var detail = await to.Port.OpenChatAsync(to.Agent.Id, conversationId, CancellationToken.None);
        var note = Assert.Single(detail.Notes);
        Assert.Equal(NoteKind.Transfer, note.Kind);
        Assert.Equal("Sam Small", note.TargetName);
        await Assert.ThrowsAsync<ConsoleActionException>(() => from.SendAsync(conversationId, "still mine?"));
        await to.SendAsync(conversationId, "Hi Ana, Sam here.");

        // The load moved too: Sam (capacity 1) is full, Tia has room again, so the next visitor goes to Tia.
        await using var next = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync("Ben Okafor"));
        var nextId = (await next.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await from.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == nextId);
    }

    [Fact]
    public async Task A_transfer_to_a_colleague_without_room_is_refused_and_changes_nothing()
    {
        var tiaLogin = await _server.AddAgentAsync("Tia Tran", capacity: 1);
        var samLogin = await _server.AddAgentAsync("Sam Small", capacity: 1);
        await using var tia = await _server.OpenConsoleAsync(tiaLogin.Email, tiaLogin.Password);
        await using var sam = await _server.OpenConsoleAsync(samLogin.Email, samLogin.Password);

        // Two visitors: one each, so both agents are full.
        await using var first = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync("First"));
        await using var second = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync("Second"));
        await first.InvokeAsync("StartConversation");
        await second.InvokeAsync("StartConversation");
        var tiaHas = (await tia.Port.GetMyChatsAsync(tia.Agent.Id, CancellationToken.None)).Single().ConversationId;

        var refused = await Assert.ThrowsAsync<ConsoleActionException>(() =>
            tia.Port.TransferAsync(tia.Agent.Id, tiaHas, sam.Agent.Id, "", CancellationToken.None));

        Assert.Equal("agent_unavailable", refused.Code);
        Assert.Equal(tia.Agent.Id, await _server.ScalarAsync<string>("SELECT agent_id FROM conversations WHERE id = @tiaHas", new { tiaHas }));
        Assert.Equal(0L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM messages WHERE sender = 'system'"));
        Assert.Equal(0L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM notes"));
        Assert.Single(await sam.Port.GetMyChatsAsync(sam.Agent.Id, CancellationToken.None));
    }

    [Fact]
    public async Task A_transfer_to_an_offline_agent_or_one_of_another_site_is_refused()
    {
        var tia = await _server.AddAgentAsync("Tia Tran", capacity: 2);
        await using var agent = await _server.OpenConsoleAsync(tia.Email, tia.Password);
        await using var widget = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync());
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await agent.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == conversationId);
        var other = await _server.AddSiteAsync("Other Shop", "Olga Other");
        await using var stranger = await _server.OpenConsoleAsync(other.AdminEmail, ChatServer.AdminPassword);
        var adminId = await _server.ScalarAsync<string>("SELECT id FROM agents WHERE email = @AdminEmail", new { ChatServer.AdminEmail });

        var offline = await Assert.ThrowsAsync<ConsoleActionException>(() =>
            agent.Port.TransferAsync(agent.Agent.Id, conversationId, adminId, "", CancellationToken.None));
        var foreign = await Assert.ThrowsAsync<ConsoleActionException>(() =>
            agent.Port.TransferAsync(agent.Agent.Id, conversationId, stranger.Agent.Id, "", CancellationToken.None));
        var nobody = await Assert.ThrowsAsync<ConsoleActionException>(() =>
            agent.Port.TransferAsync(agent.Agent.Id, conversationId, "no-such-agent", "", CancellationToken.None));

        Assert.All(new[] { offline, foreign, nobody }, e => Assert.Equal("agent_unavailable", e.Code));
        Assert.Equal(agent.Agent.Id, await _server.ScalarAsync<string>("SELECT agent_id FROM conversations WHERE id = @conversationId", new { conversationId }));
    }

    [Fact]
    public async Task A_resolved_chat_reopens_for_its_agent_and_the_visitor_can_write_again()
    {
        await using var agent = await _server.OpenConsoleAsync();
        var visitor = await _server.NewVisitorAsync();
        await using var widget = await _server.ConnectVisitorAsync(visitor);
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await agent.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == conversationId);
        await agent.Port.ResolveAsync(agent.Agent.Id, conversationId, CancellationToken.None);
        await widget.WaitForEventAsync("conversation", c => c.GetProperty("status").GetString() == "resolved");

        await agent.Port.ReopenAsync(agent.Agent.Id, conversationId, CancellationToken.None);

        await widget.WaitForEventAsync("conversation", c => c.GetProperty("status").GetString() == "open");
        var system = await widget.WaitForEventAsync("message", m => m.GetProperty("sender").GetString() == "system");
        Assert.Equal("Alex Admin reopened the chat", system.GetProperty("text").GetString());
        await widget.InvokeAsync("Send", new { conversationId, clientId = "again", text = "One more thing" });
        await agent.WaitForAsync<MessagePosted>(m => m.Message.ClientId == "again");
        Assert.Single(await agent.Port.GetMyChatsAsync(agent.Agent.Id, CancellationToken.None));
    }

    [Fact]
    public async Task A_chat_is_not_reopened_once_the_customer_started_a_newer_one()
    {
        await using var agent = await _server.OpenConsoleAsync();
        await using var widget = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync());
        var firstId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await agent.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == firstId);
        await agent.Port.ResolveAsync(agent.Agent.Id, firstId, CancellationToken.None);
        var secondId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await agent.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == secondId);

        var refused = await Assert.ThrowsAsync<ConsoleActionException>(() => agent.Port.ReopenAsync(agent.Agent.Id, firstId, CancellationToken.None));

        Assert.Equal("reopen_not_latest", refused.Code);
        Assert.Equal("resolved", await _server.ScalarAsync<string>("SELECT status FROM conversations WHERE id = @firstId", new { firstId }));
        Assert.Single(await agent.Port.GetMyChatsAsync(agent.Agent.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Unread_counts_follow_what_the_agent_has_marked_read()
    {
        await using var agent = await _server.OpenConsoleAsync();
        await using var widget = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync());
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await agent.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == conversationId);
        foreach (var n in new[] { 1, 2, 3 })
        {
            await widget.InvokeAsync("Send", new { conversationId, clientId = $"v-{n}", text = $"Message {n}" });
        }

        Assert.Equal(3, (await agent.Port.GetMyChatsAsync(agent.Agent.Id, CancellationToken.None)).Single().Unread);
        await agent.Port.MarkReadAsync(agent.Agent.Id, conversationId, 2, CancellationToken.None);
        Assert.Equal(1, (await agent.Port.GetMyChatsAsync(agent.Agent.Id, CancellationToken.None)).Single().Unread);
        await agent.Port.MarkReadAsync(agent.Agent.Id, conversationId, 99, CancellationToken.None);
        Assert.Equal(0, (await agent.Port.GetMyChatsAsync(agent.Agent.Id, CancellationToken.None)).Single().Unread);
        Assert.Equal(3L, await _server.ScalarAsync<long>("SELECT agent_read_seq FROM conversations"));
    }
}
