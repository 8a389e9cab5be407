using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Operations;

/// <summary>
/// /healthz/ready follows the real database and Redis: unready while the test has one stopped,
/// ready again once it is back; /healthz/live stays up throughout.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ReadinessTests(PostgresServer postgres)
{
    [Fact]
    public async Task Readiness_goes_while_redis_is_down_and_comes_back_with_it()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var server = await ChatServer.StartAsync($"--Chat:Redis={redis.Configuration}");
        Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync("healthz/ready")).StatusCode);

        await redis.KillAsync();
        var unready = await server.Http.GetAsync("healthz/ready");
        var health = await (await server.Http.GetAsync("healthz")).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, unready.StatusCode);
        Assert.Equal("Unhealthy", await unready.Content.ReadAsStringAsync());
        Assert.StartsWith("failing", health.GetProperty("redis").GetString());
        Assert.Equal("ok", health.GetProperty("database").GetString());
        Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync("healthz/live")).StatusCode);

        await redis.StartProcessAsync();
        await WaitUntilReadyAsync(server);
    }

    [Fact]
    public async Task Readiness_goes_while_the_database_is_down_and_comes_back_with_it_and_the_failures_are_counted()
    {
        await using var server = await ChatServer.StartAsync(
            "--Chat:Database:Provider=Postgres", $"--Chat:Database:ConnectionString={await postgres.CreateDatabaseAsync()}",
            "--Chat:Database:Resilience:RetryAttempts=1", "--Chat:Metrics:Enabled=true");
        Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync("healthz/ready")).StatusCode);

        await postgres.StopAsync();
        try
        {
            var unready = await server.Http.GetAsync("healthz/ready");
            var health = await (await server.Http.GetAsync("healthz")).Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, unready.StatusCode);
            Assert.StartsWith("failing", health.GetProperty("database").GetString());
            Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync("healthz/live")).StatusCode);

            // A visitor arriving now reaches the database through its pipeline: each failed try is counted.
            Assert.False((await server.Http.PostAsJsonAsync("api/visitors", new { siteKey = ChatServer.SiteKey, name = "Ana" })).IsSuccessStatusCode);
            Assert.True((await Scrape.ReadAsync(server.Http)).Value("chat_dependency_failures_total", "chat_dependency=\"database\"") >= 2);
        }
        finally
        {
            await postgres.StartAsync();
        }

        await WaitUntilReadyAsync(server);
    }

    /// <summary>
    /// Asks until the node says ready. A dependency that came back is found again by the node's own
    /// reconnects (Redis) or on the next connection from its pool (the database), a moment later.
    /// </summary>
    private static async Task WaitUntilReadyAsync(ChatServer server)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((await server.Http.GetAsync("healthz/ready", deadline.Token)).StatusCode != HttpStatusCode.OK)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
        }
    }
}
