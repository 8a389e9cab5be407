using Chat.AgentConsole.Port;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Integration;

/// <summary>An agent of another site, holding real ids of this one, reaches nothing and changes nothing.</summary>
public sealed class TenancyTests : IAsyncLifetime
{
    private ChatServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Someone_elses_chat_customer_and_site_ids_are_refused_on_every_console_call()
    {
        await using var owner = await _server.OpenConsoleAsync();
        var visitor = await _server.NewVisitorAsync();
        await using var widget = await _server.ConnectVisitorAsync(visitor);
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await owner.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == conversationId);
        var siteId = await _server.ScalarAsync<string>("SELECT id FROM sites WHERE site_key = @SiteKey", new { ChatServer.SiteKey });
        var other = await _server.AddSiteAsync("Other Shop", "Olga Other");
        await using var stranger = await _server.OpenConsoleAsync(other.AdminEmail, ChatServer.AdminPassword);
        var me = stranger.Agent.Id;
        var port = stranger.Port;
        var none = CancellationToken.None;

        Func<Task>[] calls =
        [
            () => port.OpenChatAsync(me, conversationId, none),
            () => port.SendAsync(me, conversationId, "x-1", "hello", none),
            () => port.AddNoteAsync(me, conversationId, "x-2", "note", none),
            () => port.MarkReadAsync(me, conversationId, 10, none),
            () => port.GetTransferTargetsAsync(me, conversationId, none),
            () => port.TransferAsync(me, conversationId, me, "", none),
            () => port.ResolveAsync(me, conversationId, none),
            () => port.ReopenAsync(me, conversationId, none),
            () => port.TakeAsync(me, conversationId, none),
            () => port.AddCustomerTagAsync(me, visitor.CustomerId, "pwned", none),
            () => port.RemoveCustomerTagAsync(me, visitor.CustomerId, "vip", none),
            () => port.GetCannedRepliesAsync(me, siteId, none),
        ];
        foreach (var call in calls)
        {
            var refused = await Assert.ThrowsAsync<ConsoleActionException>(call);
            Assert.Contains(refused.Code, new[] { "not_your_conversation", "not_found", "cannot_take" });
        }

        Assert.Empty(await port.GetQueueAsync(me, none));
        Assert.Empty(await port.GetMyChatsAsync(me, none));
        Assert.Equal(0L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM notes"));
        Assert.Equal(0L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM customer_tags"));
        Assert.Equal(0L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM messages"));
        Assert.Equal("open", await _server.ScalarAsync<string>("SELECT status FROM conversations"));
        Assert.Equal(0L, await _server.ScalarAsync<long>("SELECT agent_read_seq FROM conversations"));
    }

    [Fact]
    public async Task A_guessed_client_id_of_a_stored_message_gives_nobody_else_its_text()
    {
        await using var owner = await _server.OpenConsoleAsync();
        await using var widget = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync());
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await owner.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == conversationId);
        await widget.InvokeAsync("Send", new { conversationId, clientId = "v-1", text = "My order is 4471" });
        await owner.Port.SendAsync(owner.Agent.Id, conversationId, "a-1", "Found it, Dana.", CancellationToken.None);
        var other = await _server.AddSiteAsync("Other Shop", "Olga Other");
        await using var stranger = await _server.OpenConsoleAsync(other.AdminEmail, ChatServer.AdminPassword);

        // A retry returns the stored message only to the one who wrote it.
        var probe = await Assert.ThrowsAsync<ConsoleActionException>(() =>
            stranger.Port.SendAsync(stranger.Agent.Id, conversationId, "v-1", "x", CancellationToken.None));
        Assert.Equal("not_your_conversation", probe.Code);
        var ownAgent = await Assert.ThrowsAsync<ConsoleActionException>(() =>
            owner.Port.SendAsync(owner.Agent.Id, conversationId, "v-1", "x", CancellationToken.None));
        Assert.Equal("not_your_conversation", ownAgent.Code);
        await Refused.With("not_your_conversation", () => widget.InvokeAsync("Send", new { conversationId, clientId = "a-1", text = "x" }));

        Assert.Equal(2L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM messages"));
        Assert.Equal(2L, await _server.ScalarAsync<long>("SELECT last_seq FROM conversations"));
    }

    [Fact]
    public async Task Tags_are_kept_per_customer_deduplicated_and_checked()
    {
        await using var agent = await _server.OpenConsoleAsync();
        var visitor = await _server.NewVisitorAsync();

        await agent.Port.AddCustomerTagAsync(agent.Agent.Id, visitor.CustomerId, "VIP", CancellationToken.None);
        await agent.Port.AddCustomerTagAsync(agent.Agent.Id, visitor.CustomerId, "wholesale", CancellationToken.None);
        var tags = await agent.Port.AddCustomerTagAsync(agent.Agent.Id, visitor.CustomerId, " vip ", CancellationToken.None);
        Assert.Equal(["VIP", "wholesale"], tags);

        Assert.Equal(["wholesale"], await agent.Port.RemoveCustomerTagAsync(agent.Agent.Id, visitor.CustomerId, "vip", CancellationToken.None));
        var bad = await Assert.ThrowsAsync<ConsoleActionException>(() =>
            agent.Port.AddCustomerTagAsync(agent.Agent.Id, visitor.CustomerId, new string('t', 31), CancellationToken.None));
        Assert.Equal("tag_invalid", bad.Code);
    }
}
