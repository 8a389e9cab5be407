using System.Net;
using System.Net.Http.Json;
using Chat.AgentConsole.Port;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Integration.Api;

/// <summary>Keys: shown once, stored hashed, scoped, revocable, and reaching only their own site.</summary>
public sealed class ApiAccessTests : IAsyncLifetime
{
    private ChatServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_key_is_stored_only_as_a_hash_and_its_last_use_is_shown()
    {
        var key = await _server.CreateApiKeyAsync(["read"]);

        Assert.StartsWith("chat_", key, StringComparison.Ordinal);
        Assert.Equal(0L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM api_keys WHERE key_hash LIKE @part", new { part = "%" + key[^20..] + "%" }));
        using var api = _server.ApiClient(key);
        (await api.GetAsync("agents")).EnsureSuccessStatusCode();
        var (adminId, siteId) = await _server.AdminAndSiteAsync();
        var listed = Assert.Single(await _server.ApiAdmin().GetKeysAsync(adminId, siteId, CancellationToken.None));
        Assert.NotNull(listed.LastUsedAt);
        Assert.Equal(["read"], listed.Scopes);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("chat_nothing_here")]
    [InlineData("not a key at all")]
    [InlineData("chat_<script>alert(1)</script>_x")]
    public async Task A_missing_or_unknown_key_gets_401_with_a_code(string? key)
    {
        using var api = _server.ApiClient(key);

        var response = await api.GetAsync("conversations");

        Assert.Equal("api_key_invalid", await response.ProblemCodeAsync(401));
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_key_stops_at_once()
    {
        var key = await _server.CreateApiKeyAsync(["read", "write"]);
        using var api = _server.ApiClient(key);
        (await api.GetAsync("agents")).EnsureSuccessStatusCode();
        var (adminId, siteId) = await _server.AdminAndSiteAsync();
        var admin = _server.ApiAdmin();

        await admin.RevokeKeyAsync(adminId, siteId, (await admin.GetKeysAsync(adminId, siteId, CancellationToken.None))[0].Id, CancellationToken.None);

        Assert.Equal("api_key_invalid", await (await api.GetAsync("agents")).ProblemCodeAsync(401));
    }

    [Fact]
    public async Task A_read_key_cannot_write_and_nothing_changes()
    {
        await using var agent = await _server.OpenConsoleAsync();
        var (widget, conversationId) = await _server.StartChatAsync(agent);
        await using var _ = widget;
        using var api = _server.ApiClient(await _server.CreateApiKeyAsync(["read"]));

        var response = await api.PostAsJsonAsync($"conversations/{conversationId}/messages", new { clientId = "api-1", text = "Hello from the CRM" });

        Assert.Equal("scope_missing", await response.ProblemCodeAsync(403));
        Assert.Equal(1L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM messages WHERE conversation_id = @conversationId", new { conversationId }));
    }

    [Fact]
    public async Task Another_sites_key_sees_none_of_this_sites_data_and_changes_nothing()
    {
        await using var agent = await _server.OpenConsoleAsync();
        var (widget, conversationId) = await _server.StartChatAsync(agent);
        await using var _ = widget;
        var customerId = await _server.ScalarAsync<string>("SELECT customer_id FROM conversations WHERE id = @conversationId", new { conversationId });
        var other = await _server.AddSiteAsync("Other shop", "Olga Other");
        using var api = _server.ApiClient(await _server.CreateApiKeyAsync(["read", "write"], other));

        Assert.Equal("not_found", await (await api.GetAsync($"conversations/{conversationId}")).ProblemCodeAsync(404));
        Assert.Equal("not_found", await (await api.GetAsync($"conversations/{conversationId}/messages")).ProblemCodeAsync(404));
        Assert.Equal("not_found", await (await api.GetAsync($"customers/{customerId}")).ProblemCodeAsync(404));
        Assert.Equal("not_found", await (await api.PostAsJsonAsync($"conversations/{conversationId}/messages",
            new { clientId = "x-1", text = "Hijacked", agentId = agent.Agent.Id })).ProblemCodeAsync(404));
        Assert.Equal("not_found", await (await api.PostAsJsonAsync($"conversations/{conversationId}/resolve", new { })).ProblemCodeAsync(404));
        Assert.Equal("not_found", await (await api.PatchAsJsonAsync($"customers/{customerId}", new { name = "Hijacked" })).ProblemCodeAsync(404));
        Assert.Empty((await (await api.GetAsync("conversations")).JsonAsync()).GetProperty("items").EnumerateArray());

        Assert.Equal(1L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM messages WHERE conversation_id = @conversationId", new { conversationId }));
        Assert.Equal("open", await _server.ScalarAsync<string>("SELECT status FROM conversations WHERE id = @conversationId", new { conversationId }));
        Assert.Equal("Ana Lima", await _server.ScalarAsync<string>("SELECT name FROM customers WHERE id = @customerId", new { customerId }));
    }

    [Fact]
    public async Task Only_an_admin_of_the_site_manages_its_keys()
    {
        var other = await _server.AddSiteAsync("Other shop", "Olga Other");
        var (adminId, siteId) = await _server.AdminAndSiteAsync();
        var agentLogin = await _server.AddAgentAsync("Sam Small", 2);
        var agentId = await _server.ScalarAsync<string>("SELECT id FROM agents WHERE email = @Email", new { agentLogin.Email });

        var notHers = await Assert.ThrowsAsync<ConsoleActionException>(() => _server.ApiAdmin().CreateKeyAsync(other.AdminId, siteId, "x", ["read"], CancellationToken.None));
        var notAdmin = await Assert.ThrowsAsync<ConsoleActionException>(() => _server.ApiAdmin().CreateKeyAsync(agentId, siteId, "x", ["read"], CancellationToken.None));
        var badScope = await Assert.ThrowsAsync<ConsoleActionException>(() => _server.ApiAdmin().CreateKeyAsync(adminId, siteId, "x", ["admin"], CancellationToken.None));

        Assert.Equal("not_found", notHers.Code);
        Assert.Equal("admin_only", notAdmin.Code);
        Assert.Equal("api_scopes_invalid", badScope.Code);
        Assert.Equal(0L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM api_keys"));
    }

    [Fact]
    public async Task Past_the_limit_a_key_gets_429_with_retry_after_and_other_keys_do_not()
    {
        await using var server = await ChatServer.StartAsync("--Chat:Api:RequestsPerMinute=3");
        using var api = server.ApiClient(await server.CreateApiKeyAsync(["read"]));
        using var otherApi = server.ApiClient(await server.CreateApiKeyAsync(["read"]));
        for (var i = 0; i < 3; i++)
        {
            (await api.GetAsync("agents")).EnsureSuccessStatusCode();
        }

        var refused = await api.GetAsync("agents");

        Assert.Equal("rate_limited", await refused.ProblemCodeAsync(429));
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.OK, (await otherApi.GetAsync("agents")).StatusCode);
    }
}
