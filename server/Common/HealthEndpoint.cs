using Chat.Server.Redis;
using Chat.Server.Storage;
using Dapper;

namespace Chat.Server;

/// <summary>
/// /healthz for load balancers and people: each dependency checked once, with a short timeout
/// and no retries, so the answer says how things are right now.
/// </summary>
public static class HealthEndpoint
{
    public static void MapHealth(this WebApplication app) => app.MapGet("/healthz", async (Database database, IServiceProvider services, CancellationToken ct) =>
    {
        var databaseStatus = await CheckAsync(async token =>
        {
            await using var connection = await database.OpenAsync(token);
            await connection.ExecuteScalarAsync(new CommandDefinition("SELECT 1;", cancellationToken: token));
        }, ct);
        var redis = services.GetService<RedisConnection>();
        var redisStatus = redis is null
            ? "not configured"
            : await CheckAsync(async token => await (await redis.MultiplexerAsync()).GetDatabase().PingAsync().WaitAsync(token), ct);
        var healthy = databaseStatus == "ok" && redisStatus is "ok" or "not configured";
        return Results.Json(
            new { status = healthy ? "healthy" : "unhealthy", database = databaseStatus, provider = database.Dialect.Provider.ToString(), redis = redisStatus },
            statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    });

    private static async Task<string> CheckAsync(Func<CancellationToken, Task> check, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            await check(timeout.Token);
            return "ok";
        }
        catch (Exception e) when (e is not OperationCanceledException || timeout.IsCancellationRequested)
        {
            return $"failing: {e.GetType().Name}";
        }
    }
}
