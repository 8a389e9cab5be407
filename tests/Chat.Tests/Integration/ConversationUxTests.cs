using Chat.AgentConsole.Port;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Integration;

/// <summary>What the visitor sees about the agent: seen receipts, and the wait while in line.</summary>
public sealed class ConversationUxTests : IAsyncLifetime
{
    private ChatServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_visitor_learns_when_the_agent_has_seen_their_messages()
    {
        await using var agent = await _server.OpenConsoleAsync();
        await using var widget = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync());
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await agent.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == conversationId);
        var sent = await widget.InvokeAsync("Send", new { conversationId, clientId = "v-1", text = "Anyone there?" });
        Assert.Equal(0, (await widget.InvokeAsync("GetConversation", new { conversationId })).GetProperty("seenSeq").GetInt64());

        // Opening the chat in the console is seeing it.
        await agent.Port.OpenChatAsync(agent.Agent.Id, conversationId, CancellationToken.None);

        var seen = await widget.WaitForEventAsync("seen");
        Assert.Equal(conversationId, seen.GetProperty("conversationId").GetString());
        Assert.Equal(sent.GetProperty("seq").GetInt64(), seen.GetProperty("seq").GetInt64());
        // A reconnecting widget reads it from the conversation.
        Assert.Equal(1, (await widget.InvokeAsync("GetConversation", new { conversationId })).GetProperty("seenSeq").GetInt64());

        // Typing shows it too.
        var second = await widget.InvokeAsync("Send", new { conversationId, clientId = "v-2", text = "Hello?" });
        await agent.Port.SetTypingAsync(agent.Agent.Id, conversationId, true, CancellationToken.None);
        await widget.WaitForEventAsync("seen", s => s.GetProperty("seq").GetInt64() == second.GetProperty("seq").GetInt64());

        // Replying is seeing, stored with the reply itself: the reply is the receipt.
        await widget.InvokeAsync("Send", new { conversationId, clientId = "v-3", text = "Still there?" });
        var reply = await agent.Port.SendAsync(agent.Agent.Id, conversationId, "a-1", "Yes, Dana!", CancellationToken.None);
        Assert.Equal(reply.Seq, (await widget.InvokeAsync("GetConversation", new { conversationId })).GetProperty("seenSeq").GetInt64());
    }

    [Fact]
    public async Task A_visitor_in_line_gets_a_place_and_an_expected_wait()
    {
        var (email, password) = await _server.AddAgentAsync("Sam Small", capacity: 1);
        await using var agent = await _server.OpenConsoleAsync(email, password);
        await using var first = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync("First"));
        await first.InvokeAsync("StartConversation");
        await using var second = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync("Second"));

        var waiting = await second.InvokeAsync("StartConversation");

        Assert.Equal("queued", waiting.GetProperty("status").GetString());
        Assert.Equal(1, waiting.GetProperty("queuePosition").GetInt32());
        var wait = waiting.GetProperty("expectedWaitSeconds").GetInt32();
        Assert.True(wait >= 60 && wait % 60 == 0, $"expected whole minutes, got {wait}s");
    }
}
