using Chat.Server.Storage;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Chat.Server.Observability;

/// <summary>
/// Health for load balancers, orchestrators and people, from the framework's health checks:
/// <c>/healthz/live</c> answers while the process runs; <c>/healthz/ready</c> only while the
/// database and Redis (when configured) answer; <c>/healthz</c> keeps its JSON answer naming each.
/// Each dependency is checked once, with a short timeout and no retries, so the answer says how
/// things are right now.
/// </summary>
public static class HealthEndpoint
{
    public const string Ready = "ready";
    public const string DatabaseCheck = "database";
    public const string RedisCheck = "redis";

    public static void AddHealth(this IServiceCollection services, bool redis)
    {
        var checks = services.AddHealthChecks().AddCheck<DatabaseHealthCheck>(DatabaseCheck, tags: [Ready]);
        if (redis)
        {
            checks.AddCheck<RedisHealthCheck>(RedisCheck, tags: [Ready]);
        }
    }

    public static void MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = r => r.Tags.Contains(Ready) });
        app.MapGet("/healthz", async (HealthCheckService health, Database database, CancellationToken ct) =>
        {
            var report = await health.CheckHealthAsync(r => r.Tags.Contains(Ready), ct);
            var databaseStatus = Status(report, DatabaseCheck);
            var redisStatus = report.Entries.ContainsKey(RedisCheck) ? Status(report, RedisCheck) : "not configured";
            var healthy = report.Status == HealthStatus.Healthy;
            return Results.Json(
                new { status = healthy ? "healthy" : "unhealthy", database = databaseStatus, provider = database.Dialect.Provider.ToString(), redis = redisStatus },
                statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
    }

    private static string Status(HealthReport report, string check) =>
        report.Entries[check] is { Status: HealthStatus.Healthy } ? "ok" : report.Entries[check].Description ?? "failing";

    /// <summary>Runs one check with a short timeout; a failure becomes "failing: &lt;error&gt;".</summary>
    internal static async Task<HealthCheckResult> CheckAsync(Func<CancellationToken, Task> check, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            await check(timeout.Token);
            return HealthCheckResult.Healthy("ok");
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"failing: {e.GetType().Name}", e);
        }
    }
}
