using Chat.Server.Redis;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Chat.Server.Observability;

/// <summary>Ready only while Redis answers a PING (registered when Chat:Redis is set).</summary>
public sealed class RedisHealthCheck(RedisConnection redis) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        HealthEndpoint.CheckAsync(async token => await (await redis.MultiplexerAsync()).GetDatabase().PingAsync().WaitAsync(token), cancellationToken);
}
