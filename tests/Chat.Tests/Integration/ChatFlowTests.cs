using System.Text.Json;
using Chat.AgentConsole.Port;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Integration;

/// <summary>The walking skeleton end to end: a visitor and an agent chat, rate, and come back.</summary>
public sealed class ChatFlowTests : IAsyncLifetime
{
    private ChatServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Visitor_and_agent_chat_both_ways_then_rate_and_return_to_the_history()
    {
        var visitor = await _server.NewVisitorAsync("Ana Lima");
        await using var widget = await _server.ConnectVisitorAsync(visitor);

        // Nobody is online yet: the visitor waits first in line.
        var started = await widget.InvokeAsync("StartConversation");
        var conversationId = started.GetProperty("id").GetString()!;
        Assert.Equal("queued", started.GetProperty("status").GetString());
        Assert.Equal(1, started.GetProperty("queuePosition").GetInt32());

        // The agent opens the console and gets the chat at once.
        await using var agent = await _server.OpenConsoleAsync();
        var assigned = await agent.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == conversationId);
        Assert.Equal("Ana Lima", assigned.Chat.CustomerName);
        var toVisitor = await widget.WaitForEventAsync("conversation", c => c.GetProperty("status").GetString() == "open");
        Assert.Equal("Alex Admin", toVisitor.GetProperty("agentName").GetString());

        // Typing shows on both sides; the agent sees what the visitor is typing.
        await widget.InvokeAsync("Typing", new { conversationId, text = "Where is my ord" });
        Assert.True((await agent.WaitForAsync<VisitorTyping>()).IsTyping);
        await agent.Port.SetTypingAsync(agent.Agent.Id, conversationId, true, CancellationToken.None);
        var typing = await widget.WaitForEventAsync("typing");
        Assert.Equal("Alex Admin", typing.GetProperty("agentName").GetString());
        Assert.True(typing.GetProperty("isTyping").GetBoolean());

        // Messages go both ways, each reply with the agent's name.
        var sent = await widget.InvokeAsync("Send", new { conversationId, clientId = "c-1", text = "Where is my order?" });
        Assert.Equal(1, sent.GetProperty("seq").GetInt64());
        var atAgent = await agent.WaitForAsync<MessagePosted>(m => m.Message.ClientId == "c-1");
        Assert.Equal("Ana Lima", atAgent.Message.SenderName);
        Assert.Equal("Where is my order?", atAgent.Message.Text);

        var chats = await agent.Port.GetMyChatsAsync(agent.Agent.Id, CancellationToken.None);
        var row = Assert.Single(chats);
        Assert.Equal("Ana Lima", row.CustomerName);
        Assert.NotNull(row.WaitingSince);

        await agent.SendAsync(conversationId, "Hi Ana, it left today.", "a-1");
        var reply = await widget.WaitForEventAsync("message", m => m.GetProperty("clientId").GetString() == "a-1");
        Assert.Equal("agent", reply.GetProperty("sender").GetString());
        Assert.Equal("Alex Admin", reply.GetProperty("senderName").GetString());
        Assert.Equal(2, reply.GetProperty("seq").GetInt64());
        Assert.Null((await agent.Port.GetMyChatsAsync(agent.Agent.Id, CancellationToken.None))[0].WaitingSince);

        // Resolve, then the visitor rates.
        await agent.Port.ResolveAsync(agent.Agent.Id, conversationId, CancellationToken.None);
        await widget.WaitForEventAsync("conversation", c => c.GetProperty("status").GetString() == "resolved");
        var rated = await widget.InvokeAsync("Rate", new { conversationId, rating = 5, comment = "Quick and kind" });
        Assert.Equal(5, rated.GetProperty("rating").GetInt32());
        Assert.Equal(5L, await _server.ScalarAsync<long>("SELECT rating FROM conversations WHERE id = @conversationId", new { conversationId }));
        Assert.Equal("Quick and kind", await _server.ScalarAsync<string>("SELECT rating_comment FROM conversations WHERE id = @conversationId", new { conversationId }));
        await agent.WaitForAsync<ChatRated>(r => r.Rating == 5);

        // The visitor comes back later in the same browser: greeted by name, history kept.
        await widget.DisposeAsync();
        await using var returning = await _server.ConnectVisitorAsync(visitor);
        var state = await returning.InvokeAsync("Resume");
        Assert.Equal("Ana Lima", state.GetProperty("customer").GetProperty("name").GetString());
        Assert.Equal(conversationId, state.GetProperty("conversation").GetProperty("id").GetString());
        Assert.Equal(["Where is my order?", "Hi Ana, it left today."], Texts(state.GetProperty("messages")));

        // A new conversation; the agent sees the earlier one beside it.
        var second = (await returning.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        Assert.NotEqual(conversationId, second);
        await agent.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == second);
        var detail = await agent.Port.OpenChatAsync(agent.Agent.Id, second, CancellationToken.None);
        Assert.Equal(2, detail.Customer.ConversationCount);
        var past = Assert.Single(detail.PastConversations);
        Assert.Equal(5, past.Rating);
        Assert.Equal(["Where is my order?", "Hi Ana, it left today."], past.Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task A_retried_message_with_the_same_client_id_is_stored_once()
    {
        var visitor = await _server.NewVisitorAsync();
        await using var widget = await _server.ConnectVisitorAsync(visitor);
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;

        var first = await widget.InvokeAsync("Send", new { conversationId, clientId = "same", text = "Hello" });
        var retry = await widget.InvokeAsync("Send", new { conversationId, clientId = "same", text = "Hello" });

        Assert.Equal(first.GetProperty("seq").GetInt64(), retry.GetProperty("seq").GetInt64());
        Assert.Equal(1L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM messages WHERE conversation_id = @conversationId", new { conversationId }));
    }

    [Fact]
    public async Task After_a_reconnect_the_visitor_gets_exactly_the_messages_missed()
    {
        await using var agent = await _server.OpenConsoleAsync();
        var visitor = await _server.NewVisitorAsync();
        var widget = await _server.ConnectVisitorAsync(visitor);
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await agent.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == conversationId);
        var lastHeld = (await widget.InvokeAsync("Send", new { conversationId, clientId = "v-1", text = "Hi" })).GetProperty("seq").GetInt64();

        // The network drops; the agent keeps writing.
        widget.Abort();
        await widget.DisposeAsync();
        foreach (var text in new[] { "One", "Two", "Three" })
        {
            await agent.SendAsync(conversationId, text);
        }

        await using var back = await _server.ConnectVisitorAsync(visitor);
        var missed = await back.InvokeAsync("GetMessages", new { conversationId, afterSeq = lastHeld });

        Assert.Equal(["One", "Two", "Three"], Texts(missed));
        Assert.Equal([lastHeld + 1, lastHeld + 2, lastHeld + 3], missed.EnumerateArray().Select(m => m.GetProperty("seq").GetInt64()));
    }

    [Fact]
    public async Task After_a_reconnect_the_visitor_learns_what_happened_to_the_conversation_meanwhile()
    {
        await using var agent = await _server.OpenConsoleAsync();
        var visitor = await _server.NewVisitorAsync();
        var widget = await _server.ConnectVisitorAsync(visitor);
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await agent.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == conversationId);

        widget.Abort();
        await widget.DisposeAsync();
        await agent.Port.ResolveAsync(agent.Agent.Id, conversationId, CancellationToken.None);

        await using var back = await _server.ConnectVisitorAsync(visitor);
        var state = await back.InvokeAsync("GetConversation", new { conversationId });
        Assert.Equal("resolved", state.GetProperty("status").GetString());
        Assert.Equal("Alex Admin", state.GetProperty("agentName").GetString());
    }

    [Fact]
    public async Task An_agent_never_gets_more_chats_than_their_capacity_and_the_line_moves_on_resolve()
    {
        var (email, password) = await _server.AddAgentAsync("Sam Small", capacity: 1);
        await using var agent = await _server.OpenConsoleAsync(email, password);

        await using var first = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync("First"));
        await using var second = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync("Second"));
        var firstId = (await first.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        var waiting = await second.InvokeAsync("StartConversation");

        // The admin never opened a console, so Sam is the only agent online, with room for one.
        Assert.Equal("queued", waiting.GetProperty("status").GetString());
        Assert.Equal(1, waiting.GetProperty("queuePosition").GetInt32());
        Assert.Single(await agent.Port.GetMyChatsAsync(agent.Agent.Id, CancellationToken.None));
        Assert.Single(await agent.Port.GetQueueAsync(agent.Agent.Id, CancellationToken.None));

        await agent.Port.ResolveAsync(agent.Agent.Id, firstId, CancellationToken.None);

        var moved = await second.WaitForEventAsync("conversation", c => c.GetProperty("status").GetString() == "open");
        Assert.Equal("Sam Small", moved.GetProperty("agentName").GetString());
        Assert.Empty(await agent.Port.GetQueueAsync(agent.Agent.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Text_with_markup_and_sql_is_stored_and_delivered_exactly_as_typed()
    {
        await using var agent = await _server.OpenConsoleAsync();
        var visitor = await _server.NewVisitorAsync("<img src=x onerror=alert(1)>");
        await using var widget = await _server.ConnectVisitorAsync(visitor);
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        const string hostile = "<script>alert('x')</script>'); DROP TABLE messages; --";

        await widget.InvokeAsync("Send", new { conversationId, clientId = "h-1", text = hostile });

        var posted = await agent.WaitForAsync<MessagePosted>(m => m.Message.ClientId == "h-1");
        Assert.Equal(hostile, posted.Message.Text);
        Assert.Equal("<img src=x onerror=alert(1)>", posted.Message.SenderName);
        Assert.Equal(hostile, await _server.ScalarAsync<string>("SELECT text FROM messages WHERE client_id = 'h-1'"));
    }

    internal static string[] Texts(JsonElement messages) =>
        [.. messages.EnumerateArray().Select(m => m.GetProperty("text").GetString()!)];
}
