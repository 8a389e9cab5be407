using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Integration;

/// <summary>The agents' hub for programs: JSON sign-in, the same rules as the console, both directions over real WebSockets.</summary>
public sealed class AgentHubTests : IAsyncLifetime
{
    private ChatServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Sign_in_answers_with_the_agent_and_sets_the_console_cookie()
    {
        var response = await _server.Http.PostAsJsonAsync("api/agents/sign-in", new { email = ChatServer.AdminEmail, password = ChatServer.AdminPassword });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Alex Admin", body.GetProperty("name").GetString());
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("chat.agent=", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_wrong_password_gets_a_problem_and_no_cookie()
    {
        var response = await _server.Http.PostAsJsonAsync("api/agents/sign-in", new { email = ChatServer.AdminEmail, password = "guess" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("credentials_invalid", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.False(response.Headers.Contains("Set-Cookie"));

        var missing = await _server.Http.PostAsJsonAsync("api/agents/sign-in", new { email = ChatServer.AdminEmail });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("credentials_required", (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Sign_in_takes_only_json_from_this_servers_own_origin()
    {
        // What a cross-site form could send.
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = ChatServer.AdminEmail, ["password"] = ChatServer.AdminPassword });
        var formPost = await _server.Http.PostAsync("api/agents/sign-in", form);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, formPost.StatusCode);
        Assert.False(formPost.Headers.Contains("Set-Cookie"));

        using var foreign = new HttpRequestMessage(HttpMethod.Post, "api/agents/sign-in")
        {
            Content = new StringContent($$"""{"email":"{{ChatServer.AdminEmail}}","password":"{{ChatServer.AdminPassword}}"}""", Encoding.UTF8, "application/json"),
        };
        foreign.Headers.Add("Origin", "http://evil.test");
        var foreignPost = await _server.Http.SendAsync(foreign);
        Assert.Equal(HttpStatusCode.Forbidden, foreignPost.StatusCode);
        Assert.False(foreignPost.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Agent_and_visitor_exchange_messages_both_ways_through_the_agent_hub()
    {
        await using var agent = await _server.ConnectAgentAsync(await _server.SignInAgentAsync());
        await agent.InvokeAsync("SetPresence", new { presence = "online" });

        var visitor = await _server.NewVisitorAsync("Ana Lima");
        await using var widget = await _server.ConnectVisitorAsync(visitor);
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;

        var assigned = await agent.WaitForEventAsync("chatAssigned", a => a.GetProperty("conversationId").GetString() == conversationId);
        Assert.Equal("Ana Lima", assigned.GetProperty("customerName").GetString());

        await widget.InvokeAsync("Typing", new { conversationId, text = "Hel" });
        Assert.True((await agent.WaitForEventAsync("typing")).GetProperty("isTyping").GetBoolean());

        await widget.InvokeAsync("Send", new { conversationId, clientId = "v-1", text = "Hello?" });
        var atAgent = await agent.WaitForEventAsync("message", m => m.GetProperty("clientId").GetString() == "v-1");
        Assert.Equal("visitor", atAgent.GetProperty("sender").GetString());
        Assert.Equal("Ana Lima", atAgent.GetProperty("senderName").GetString());
        Assert.Equal("Hello?", atAgent.GetProperty("text").GetString());

        await agent.InvokeAsync("Typing", new { conversationId, isTyping = true });
        Assert.Equal("Alex Admin", (await widget.WaitForEventAsync("typing")).GetProperty("agentName").GetString());

        var sent = await agent.InvokeAsync("Send", new { conversationId, clientId = "a-1", text = "Hi Ana!" });
        Assert.Equal(2, sent.GetProperty("seq").GetInt64());
        Assert.Equal("agent", sent.GetProperty("sender").GetString());
        var atVisitor = await widget.WaitForEventAsync("message", m => m.GetProperty("clientId").GetString() == "a-1");
        Assert.Equal("Alex Admin", atVisitor.GetProperty("senderName").GetString());
        Assert.Equal("Hi Ana!", atVisitor.GetProperty("text").GetString());

        var retry = await agent.InvokeAsync("Send", new { conversationId, clientId = "a-1", text = "Hi Ana!" });
        Assert.Equal(2, retry.GetProperty("seq").GetInt64());
        Assert.Equal(2L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM messages WHERE conversation_id = @conversationId", new { conversationId }));

        var chats = await agent.InvokeAsync("GetMyChats");
        Assert.Equal(conversationId, Assert.Single(chats.EnumerateArray()).GetProperty("conversationId").GetString());

        await agent.InvokeAsync("Resolve", new { conversationId });
        await widget.WaitForEventAsync("conversation", c => c.GetProperty("status").GetString() == "resolved");
        Assert.Equal("resolved", (await agent.WaitForEventAsync("chatClosed")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Another_agents_conversation_is_refused_and_nothing_is_stored()
    {
        var (email, password) = await _server.AddAgentAsync("Bea Other", capacity: 3);
        await using var owner = await _server.ConnectAgentAsync(await _server.SignInAgentAsync());
        await owner.InvokeAsync("SetPresence", new { presence = "online" });
        await using var widget = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync());
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await owner.WaitForEventAsync("chatAssigned", a => a.GetProperty("conversationId").GetString() == conversationId);

        await using var other = await _server.ConnectAgentAsync(await _server.SignInAgentAsync(email, password));
        await Refused.With("not_your_conversation", () => other.InvokeAsync("Send", new { conversationId, clientId = "x-1", text = "Not mine" }));
        await Refused.With("not_your_conversation", () => other.InvokeAsync("Resolve", new { conversationId }));
        await Refused.With("not_your_conversation", () => other.InvokeAsync("Typing", new { conversationId, isTyping = true }));

        Assert.Equal(0L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM messages"));
        Assert.Equal("open", await _server.ScalarAsync<string>("SELECT status FROM conversations WHERE id = @conversationId", new { conversationId }));

        await Refused.With("presence_invalid", () => other.InvokeAsync("SetPresence", new { presence = "asleep" }));
    }

    [Fact]
    public async Task A_connection_without_the_cookie_or_from_a_foreign_origin_is_refused()
    {
        await Refused.Upgrade(HttpStatusCode.Unauthorized, () => HubSession.ConnectAsync(_server.AgentHubUrl, new HubSessionOptions()));
        await Refused.Upgrade(HttpStatusCode.Unauthorized, () =>
            HubSession.ConnectAsync(_server.AgentHubUrl, new HubSessionOptions { Cookie = "chat.agent=forged" }));

        var cookie = await _server.SignInAgentAsync();
        await Refused.Upgrade(HttpStatusCode.Forbidden, () =>
            HubSession.ConnectAsync(_server.AgentHubUrl, new HubSessionOptions { Cookie = cookie, Origin = "http://evil.test" }));
    }
}
