using Chat.AgentConsole.Port;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Integration;

/// <summary>Internal notes are for agents: no event, no resume and no resync ever carries one to the visitor.</summary>
public sealed class NoteTests : IAsyncLifetime
{
    private ChatServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_note_reaches_the_agent_but_never_the_visitor_and_leaves_no_gap_in_the_visitor_sequence()
    {
        await using var agent = await _server.OpenConsoleAsync();
        var visitor = await _server.NewVisitorAsync("Ana Lima");
        await using var widget = await _server.ConnectVisitorAsync(visitor);
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await agent.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == conversationId);
        await widget.InvokeAsync("Send", new { conversationId, clientId = "v-1", text = "My order never came" });

        const string secret = "Customer is on the fraud watch list";
        var note = await agent.Port.AddNoteAsync(agent.Agent.Id, conversationId, "n-1", secret, CancellationToken.None);
        await agent.SendAsync(conversationId, "Let me look into it.", "a-1");

        // The reply arrives; by then the note, published earlier, would have arrived too.
        var reply = await widget.WaitForEventAsync("message", m => m.GetProperty("clientId").GetString() == "a-1");
        Assert.Equal(2, reply.GetProperty("seq").GetInt64());
        Assert.DoesNotContain(secret, string.Join("|", widget.Received("message").Select(m => m.ToString())), StringComparison.Ordinal);

        var resumed = await widget.InvokeAsync("Resume");
        Assert.Equal(["My order never came", "Let me look into it."], ChatFlowTests.Texts(resumed.GetProperty("messages")));
        var resynced = await widget.InvokeAsync("GetMessages", new { conversationId, afterSeq = 0 });
        Assert.Equal([1L, 2L], resynced.EnumerateArray().Select(m => m.GetProperty("seq").GetInt64()));
        Assert.Equal(0L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM messages WHERE text = @secret", new { secret }));

        // The agent has it: as an event, and in the chat when opened.
        var added = await agent.WaitForAsync<NoteAdded>();
        Assert.Equal(secret, added.Note.Text);
        Assert.Equal("Alex Admin", note.AuthorName);
        var detail = await agent.Port.OpenChatAsync(agent.Agent.Id, conversationId, CancellationToken.None);
        Assert.Equal(secret, Assert.Single(detail.Notes).Text);
        Assert.Equal(2, detail.Messages.Count);
    }

    [Fact]
    public async Task A_retried_note_is_stored_once_and_an_empty_one_is_refused()
    {
        await using var agent = await _server.OpenConsoleAsync();
        await using var widget = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync());
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await agent.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == conversationId);

        await agent.Port.AddNoteAsync(agent.Agent.Id, conversationId, "same", "Call back tomorrow", CancellationToken.None);
        await agent.Port.AddNoteAsync(agent.Agent.Id, conversationId, "same", "Call back tomorrow", CancellationToken.None);
        var empty = await Assert.ThrowsAsync<ConsoleActionException>(() =>
            agent.Port.AddNoteAsync(agent.Agent.Id, conversationId, "other", "  ", CancellationToken.None));

        Assert.Equal("note_empty", empty.Code);
        Assert.Equal(1L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM notes"));
    }
}
