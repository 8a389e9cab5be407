using System.Net;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Cluster;

/// <summary>
/// Agents' sign-in cookies are signed with keys kept in the database: any node honours a cookie
/// another node issued, after restarts and after Redis lost everything. Each node has its own
/// data folder, so nothing is shared through the file system.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SignInKeyTests(PostgresServer postgres) : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private string _database = "";

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _database = await postgres.CreateDatabaseAsync();
    }

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    private string[] Node() =>
    [
        .. NodeArgs.Shared(_redis, _database),
        // A data folder per node: nothing is shared through the file system.
        $"--Chat:DataDir={Directory.CreateTempSubdirectory("chat-node-").FullName}",
    ];

    [Fact]
    public async Task A_cookie_from_one_node_signs_the_agent_in_on_another_after_redis_lost_everything_and_after_a_restart()
    {
        var cookie = "";
        await using (var first = await ChatServer.StartAsync(Node()))
        {
            cookie = await first.SignInAgentAsync();
            Assert.Equal(HttpStatusCode.OK, await AgentHubAnswerAsync(first.BaseUrl, cookie));
        }

        await _redis.KillAsync();
        await _redis.StartProcessAsync();
        await using var other = await NodeProcess.StartAsync(Node());
        await using var restarted = await ChatServer.StartAsync(Node());

        Assert.Equal(HttpStatusCode.OK, await AgentHubAnswerAsync(other.BaseUrl, cookie));
        Assert.Equal(HttpStatusCode.OK, await AgentHubAnswerAsync(restarted.BaseUrl, cookie));
        // The check can fail: a cookie signed with some other key is refused.
        var forged = cookie[..^8] + (cookie.EndsWith("AAAAAAAA", StringComparison.Ordinal) ? "BBBBBBBB" : "AAAAAAAA");
        Assert.Equal(HttpStatusCode.Unauthorized, await AgentHubAnswerAsync(other.BaseUrl, forged));
        Assert.Equal(HttpStatusCode.Unauthorized, await AgentHubAnswerAsync(other.BaseUrl, ""));
    }

    [Fact]
    public async Task Nodes_starting_together_on_a_new_database_agree_on_one_key()
    {
        var nodes = await Task.WhenAll(ChatServer.StartAsync(Node()), ChatServer.StartAsync(Node()), ChatServer.StartAsync(Node()));
        try
        {
            var cookie = await nodes[0].SignInAgentAsync();

            foreach (var node in nodes)
            {
                Assert.Equal(HttpStatusCode.OK, await AgentHubAnswerAsync(node.BaseUrl, cookie));
            }

            Assert.Equal(1L, await nodes[0].ScalarAsync<long>("SELECT COUNT(*) FROM sign_in_keys"));
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    /// <summary>The agents' hub negotiation: 200 for a signed-in agent, 401 for anyone else.</summary>
    private static async Task<HttpStatusCode> AgentHubAnswerAsync(Uri node, string cookie)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = node };
        using var request = new HttpRequestMessage(HttpMethod.Post, "hubs/agent/negotiate?negotiateVersion=1");
        if (cookie.Length > 0)
        {
            request.Headers.Add("Cookie", cookie);
        }

        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
