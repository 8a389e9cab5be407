using Chat.AgentConsole.Port;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Integration;

/// <summary>@mentions in internal notes: the named colleague is told, finds the chat in their mentions and reads it.</summary>
public sealed class MentionTests : IAsyncLifetime
{
    private ChatServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<(AgentSession Alex, string ConversationId, HubSession Widget)> ChatOfAlexAsync()
    {
        var alex = await _server.OpenConsoleAsync();
        var widget = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync("Ana Lima"));
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await alex.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == conversationId);
        return (alex, conversationId, widget);
    }

    [Fact]
    public async Task A_named_colleague_is_told_finds_the_chat_in_their_mentions_and_may_read_and_note_but_not_reply()
    {
        var samLogin = await _server.AddAgentAsync("Sam Small", capacity: 3);
        var (alex, conversationId, widget) = await ChatOfAlexAsync();
        await using var _ = alex;
        await using var __ = widget;
        await using var sam = await _server.OpenConsoleAsync(samLogin.Email, samLogin.Password);

        await alex.Port.AddNoteAsync(alex.Agent.Id, conversationId, "n-1", "@Sam can you check the refund for this order?", CancellationToken.None);

        var told = await sam.WaitForAsync<MentionedInNote>();
        Assert.Equal(conversationId, told.Mention.ConversationId);
        Assert.Equal("Ana Lima", told.Mention.CustomerName);
        Assert.Equal("Alex Admin", told.Mention.AuthorName);
        var listed = Assert.Single(await sam.Port.GetMentionsAsync(sam.Agent.Id, CancellationToken.None));
        Assert.Equal("@Sam can you check the refund for this order?", listed.Text);

        var detail = await sam.Port.OpenChatAsync(sam.Agent.Id, conversationId, CancellationToken.None);
        Assert.Equal(alex.Agent.Id, detail.AssignedAgentId);
        Assert.Contains(detail.Notes, n => n.Text.StartsWith("@Sam", StringComparison.Ordinal));
        var reply = await Assert.ThrowsAsync<ConsoleActionException>(() => sam.SendAsync(conversationId, "Hi Ana, Sam here"));
        Assert.Equal("not_your_conversation", reply.Code);
        await sam.Port.AddNoteAsync(sam.Agent.Id, conversationId, "n-2", "Refund went out yesterday.", CancellationToken.None);
        await alex.WaitForAsync<NoteAdded>(n => n.Note.ClientId == "n-2");

        // The visitor hears of none of it.
        Assert.Empty(widget.Received("note"));
        Assert.Empty(await alex.Port.GetMentionsAsync(alex.Agent.Id, CancellationToken.None));
    }

    [Fact]
    public async Task An_address_the_author_an_unknown_name_and_an_agent_of_another_site_are_not_mentions()
    {
        var other = await _server.AddSiteAsync("Other Shop", "Olga Other");
        var samLogin = await _server.AddAgentAsync("Sam Small", capacity: 3);
        var (alex, conversationId, widget) = await ChatOfAlexAsync();
        await using var _ = alex;
        await using var __ = widget;
        await using var sam = await _server.OpenConsoleAsync(samLogin.Email, samLogin.Password);
        await using var olga = await _server.OpenConsoleAsync(other.AdminEmail, ChatServer.AdminPassword);

        await alex.Port.AddNoteAsync(alex.Agent.Id, conversationId, "n-1",
            "Write to sam@example.com, ask @Alex and @Olga and @Nobody; <script>@Samuel</script> '; DROP TABLE note_mentions; --", CancellationToken.None);
        await alex.WaitForAsync<NoteAdded>(n => n.Note.ClientId == "n-1");

        Assert.Empty(await sam.Port.GetMentionsAsync(sam.Agent.Id, CancellationToken.None));
        Assert.Empty(await olga.Port.GetMentionsAsync(olga.Agent.Id, CancellationToken.None));
        Assert.Empty(await alex.Port.GetMentionsAsync(alex.Agent.Id, CancellationToken.None));
        Assert.Equal(0L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM note_mentions"));
        Assert.Empty(sam.Received<MentionedInNote>());
        Assert.Empty(olga.Received<MentionedInNote>());

        // Completion offers the chat's site's colleagues only, and only to agents of that site.
        Assert.Equal(["Alex Admin"], await sam.Port.GetMentionNamesAsync(sam.Agent.Id, conversationId, CancellationToken.None));
        var foreign = await Assert.ThrowsAsync<ConsoleActionException>(() => olga.Port.GetMentionNamesAsync(olga.Agent.Id, conversationId, CancellationToken.None));
        Assert.Equal("not_your_conversation", foreign.Code);
    }
}
