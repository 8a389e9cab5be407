using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Integration;

public sealed class HealthTests
{
    [Fact]
    public async Task Healthz_reports_the_database_and_that_redis_is_not_configured_on_the_embedded_default()
    {
        await using var server = await ChatServer.StartAsync();

        var response = await server.Http.GetAsync("healthz");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.Equal("ok", body.GetProperty("database").GetString());
        Assert.Equal("Sqlite", body.GetProperty("provider").GetString());
        Assert.Equal("not configured", body.GetProperty("redis").GetString());
    }

    [Fact]
    public async Task Healthz_says_503_and_names_redis_when_it_is_down()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var server = await ChatServer.StartAsync($"--Chat:Redis={redis.Configuration}");
        Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync("healthz")).StatusCode);

        await redis.KillAsync();
        var response = await server.Http.GetAsync("healthz");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.StartsWith("failing", body.GetProperty("redis").GetString());
        Assert.Equal("ok", body.GetProperty("database").GetString());
    }
}
