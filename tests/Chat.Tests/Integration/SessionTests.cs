using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chat.AgentConsole.Port;
using Chat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Tests.Integration;

/// <summary>
/// Sessions that end when they should: after sign-out, a password reset, disabling, deleting or
/// a role change, the agent's old cookie opens neither the console nor the agent hub, and a hub
/// connection opened before is closed.
/// </summary>
public sealed class SessionTests : IAsyncLifetime
{
    private ChatServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task After_sign_out_the_same_cookie_opens_neither_the_console_nor_the_agent_hub()
    {
        var cookie = await _server.SignInAgentAsync();
        var stolen = cookie;
        await using var open = await _server.ConnectAgentAsync(cookie);
        Assert.Equal(HttpStatusCode.OK, (await GetConsoleAsync(cookie)).StatusCode);

        using var signOut = new HttpRequestMessage(HttpMethod.Post, "console/logout");
        signOut.Headers.Add("Cookie", cookie);
        var response = await NoRedirects().SendAsync(signOut);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        await open.WaitClosedAsync(TimeSpan.FromSeconds(10));
        await ConsoleRefusesAsync(stolen);
        await Refused.Upgrade(HttpStatusCode.Unauthorized, () => _server.ConnectAgentAsync(stolen));
    }

    [Fact]
    public async Task A_password_reset_ends_every_session_at_once_and_the_new_password_works()
    {
        var (email, password) = await _server.AddAgentAsync("Ben Lane", 2);
        var cookie = await _server.SignInAgentAsync(email, password);
        await using var open = await _server.ConnectAgentAsync(cookie);
        await open.InvokeAsync("SetPresence", new { presence = "online" });

        var admin = await AdminIdAsync();
        var agentId = await _server.ScalarAsync<string>("SELECT id FROM agents WHERE email = @email", new { email });
        var fresh = await _server.AdminPort().ResetPasswordAsync(admin, agentId, CancellationToken.None);

        await open.WaitClosedAsync(TimeSpan.FromSeconds(10));
        Assert.False(open.IsOpen);
        await ConsoleRefusesAsync(cookie);
        await Refused.Upgrade(HttpStatusCode.Unauthorized, () => _server.ConnectAgentAsync(cookie));
        await using var again = await _server.ConnectAgentAsync(await _server.SignInAgentAsync(email, fresh));
        Assert.Equal(0, (await again.InvokeAsync("GetMyChats")).GetArrayLength());
    }

    [Fact]
    public async Task A_disabled_agent_is_signed_out_everywhere_cannot_sign_in_and_their_chats_go_back_to_the_line()
    {
        var (email, password) = await _server.AddAgentAsync("Cora Diaz", 2);
        var cookie = await _server.SignInAgentAsync(email, password);
        await using var open = await _server.ConnectAgentAsync(cookie);
        await open.InvokeAsync("SetPresence", new { presence = "online" });
        var visitor = await _server.NewVisitorAsync("Ana Lima");
        await using var widget = await _server.ConnectVisitorAsync(visitor);
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await open.WaitForEventAsync("chatAssigned", a => a.GetProperty("conversationId").GetString() == conversationId);
        await open.InvokeAsync("Send", new { conversationId, clientId = "a-1", text = "Hello, I am Cora." });

        var admin = await AdminIdAsync();
        var agentId = await _server.ScalarAsync<string>("SELECT id FROM agents WHERE email = @email", new { email });
        var account = await _server.AdminPort().SetAgentDisabledAsync(admin, agentId, true, CancellationToken.None);
        Assert.True(account.Disabled);

        await open.WaitClosedAsync(TimeSpan.FromSeconds(10));
        await Refused.Upgrade(HttpStatusCode.Unauthorized, () => _server.ConnectAgentAsync(cookie));
        var signIn = await _server.Http.PostAsJsonAsync("api/agents/sign-in", new { email, password });
        Assert.Equal(HttpStatusCode.Unauthorized, signIn.StatusCode);
        await widget.WaitForEventAsync("conversation", c => c.GetProperty("status").GetString() == "queued");
        Assert.Equal("queued", await _server.ScalarAsync<string>("SELECT status FROM conversations WHERE id = @conversationId", new { conversationId }));
        Assert.True((await _server.AdminPort().GetAgentsAsync(admin, CancellationToken.None)).Single(a => a.Id == agentId).Disabled);

        await _server.AdminPort().SetAgentDisabledAsync(admin, agentId, false, CancellationToken.None);
        await using var back = await _server.ConnectAgentAsync(await _server.SignInAgentAsync(email, password));
        Assert.True(back.IsOpen);
    }

    [Fact]
    public async Task A_deleted_agent_cannot_sign_in_and_their_past_messages_keep_their_name()
    {
        var (email, password) = await _server.AddAgentAsync("Dev Patel", 2);
        await using var console = await _server.OpenConsoleAsync(email, password);
        var visitor = await _server.NewVisitorAsync("Ana Lima");
        await using var widget = await _server.ConnectVisitorAsync(visitor);
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await console.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == conversationId);
        await console.SendAsync(conversationId, "Hello from Dev.");
        var cookie = await _server.SignInAgentAsync(email, password);

        var admin = await AdminIdAsync();
        await _server.AdminPort().DeleteAgentAsync(admin, console.Agent.Id, CancellationToken.None);

        await Refused.Upgrade(HttpStatusCode.Unauthorized, () => _server.ConnectAgentAsync(cookie));
        Assert.Equal(HttpStatusCode.Unauthorized, (await _server.Http.PostAsJsonAsync("api/agents/sign-in", new { email, password })).StatusCode);
        Assert.DoesNotContain(await _server.AdminPort().GetAgentsAsync(admin, CancellationToken.None), a => a.Id == console.Agent.Id);
        var messages = await widget.InvokeAsync("GetMessages", new { conversationId, afterSeq = 0 });
        Assert.Contains(messages.EnumerateArray(), m => m.GetProperty("senderName").GetString() == "Dev Patel" && m.GetProperty("text").GetString() == "Hello from Dev.");
        Assert.Equal(0L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM agents WHERE email = @email", new { email }));

        // The email is free for a new account.
        var created = await _server.AdminPort().CreateAgentAsync(admin, new AgentAccount("", email, "Dev Patel", null, "agent", 2,
            [await _server.ScalarAsync<string>("SELECT id FROM sites WHERE site_key = @SiteKey", new { ChatServer.SiteKey })]), CancellationToken.None);
        Assert.NotEqual(console.Agent.Id, created.Agent.Id);
    }

    [Fact]
    public async Task An_agent_who_changes_their_password_ends_every_session_and_signs_in_with_the_new_one()
    {
        var (email, password) = await _server.AddAgentAsync("Fay Lo", 2);
        var cookie = await _server.SignInAgentAsync(email, password);
        await using var open = await _server.ConnectAgentAsync(cookie);
        await using var scope = _server.Services.CreateAsyncScope();
        var port = scope.ServiceProvider.GetRequiredService<IConsolePort>();
        var agentId = await _server.ScalarAsync<string>("SELECT id FROM agents WHERE email = @email", new { email });

        Assert.Equal("password_wrong", (await Assert.ThrowsAsync<ConsoleActionException>(() =>
            port.ChangePasswordAsync(agentId, "not it", "a much longer new password", CancellationToken.None))).Code);
        Assert.Equal("password_too_short", (await Assert.ThrowsAsync<ConsoleActionException>(() =>
            port.ChangePasswordAsync(agentId, password, "short", CancellationToken.None))).Code);
        Assert.True(open.IsOpen);

        await port.ChangePasswordAsync(agentId, password, "a much longer new password", CancellationToken.None);

        await open.WaitClosedAsync(TimeSpan.FromSeconds(10));
        await Refused.Upgrade(HttpStatusCode.Unauthorized, () => _server.ConnectAgentAsync(cookie));
        Assert.Equal(HttpStatusCode.Unauthorized, (await _server.Http.PostAsJsonAsync("api/agents/sign-in", new { email, password })).StatusCode);
        await using var again = await _server.ConnectAgentAsync(await _server.SignInAgentAsync(email, "a much longer new password"));
    }

    [Fact]
    public async Task A_role_change_ends_the_agents_sessions()
    {
        var (email, password) = await _server.AddAgentAsync("Eli Moss", 2);
        var cookie = await _server.SignInAgentAsync(email, password);
        await using var open = await _server.ConnectAgentAsync(cookie);
        var admin = await AdminIdAsync();
        var account = (await _server.AdminPort().GetAgentsAsync(admin, CancellationToken.None)).Single(a => a.Email == email);

        await _server.AdminPort().UpdateAgentAsync(admin, account with { Role = "admin" }, CancellationToken.None);

        await open.WaitClosedAsync(TimeSpan.FromSeconds(10));
        await Refused.Upgrade(HttpStatusCode.Unauthorized, () => _server.ConnectAgentAsync(cookie));
    }

    [Fact]
    public async Task Admins_cannot_disable_or_delete_themselves()
    {
        var admin = await AdminIdAsync();
        var port = _server.AdminPort();
        await Assert.ThrowsAsync<ConsoleActionException>(() => port.SetAgentDisabledAsync(admin, admin, true, CancellationToken.None));
        await Assert.ThrowsAsync<ConsoleActionException>(() => port.DeleteAgentAsync(admin, admin, CancellationToken.None));
        var other = await _server.AddSiteAsync("Other Shop", "Olga Other");
        var error = await Assert.ThrowsAsync<ConsoleActionException>(() => port.DeleteAgentAsync(admin, other.AdminId, CancellationToken.None));
        Assert.Equal("not_found", error.Code);
        await using var stillThere = await _server.ConnectAgentAsync(await _server.SignInAgentAsync(other.AdminEmail, ChatServer.AdminPassword));
    }

    [Fact]
    public async Task The_json_sign_out_ends_the_programs_session()
    {
        var cookie = await _server.SignInAgentAsync();
        using var signOut = new HttpRequestMessage(HttpMethod.Post, "api/agents/sign-out");
        signOut.Headers.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.NoContent, (await _server.Http.SendAsync(signOut)).StatusCode);
        await Refused.Upgrade(HttpStatusCode.Unauthorized, () => _server.ConnectAgentAsync(cookie));
    }

    private Task<string> AdminIdAsync() =>
        _server.ScalarAsync<string>("SELECT id FROM agents WHERE email = @AdminEmail", new { ChatServer.AdminEmail });

    private async Task<HttpResponseMessage> GetConsoleAsync(string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "console");
        request.Headers.Add("Cookie", cookie);
        return await NoRedirects().SendAsync(request);
    }

    /// <summary>The console answers an old cookie as it answers none: with the sign-in page.</summary>
    private async Task ConsoleRefusesAsync(string cookie)
    {
        var response = await GetConsoleAsync(cookie);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/console/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    private HttpClient NoRedirects() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = _server.BaseUrl };
}
