using Chat.Server.Storage;
using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Chat.Server.Observability;

/// <summary>Ready only while the database answers a query; outside the resilience pipeline, so no retries hide an outage.</summary>
public sealed class DatabaseHealthCheck(Database database) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        HealthEndpoint.CheckAsync(async token =>
        {
            await using var connection = await database.OpenAsync(token);
            await connection.ExecuteScalarAsync(new CommandDefinition("SELECT 1;", cancellationToken: token));
        }, cancellationToken);
}
