using Chat.Server.Redis;
using StackExchange.Redis;

namespace Chat.Server.Limits;

/// <summary>
/// The same sliding windows shared by every node: a sorted set of hit times per key, trimmed,
/// counted and added to in one script, so two nodes cannot both let the last hit through.
/// When Redis is away the limit is not enforced rather than the chat refused: a visitor's
/// message matters more than a moment of unlimited sending.
/// </summary>
public sealed partial class RedisRateLimiter(RedisConnection redis, TimeProvider time, ILogger<RedisRateLimiter> logger) : IRateLimiter
{
    // ARGV: now, window ms, limit, unique member. 1 when the hit was counted.
    private const string Acquire =
        """
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
        if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
        redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        return 1
        """;

    private readonly RedisKeys _keys = new(redis.KeyPrefix);

    public async ValueTask<bool> TryAcquireAsync(string key, int limit, TimeSpan window, CancellationToken ct)
    {
        var now = time.NowMs();
        try
        {
            var result = await redis.RunAsync(db => db.ScriptEvaluateAsync(Acquire,
                [(RedisKey)_keys.RateLimit(key)],
                [now, (long)window.TotalMilliseconds, limit, Ids.New()]), ct);
            return (int)result == 1;
        }
        catch (Exception e) when (InfrastructureErrors.IsInfrastructure(e))
        {
            LogUnenforced(e, key);
            return true;
        }
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Rate limit on {Key} not enforced: Redis unavailable")]
    private partial void LogUnenforced(Exception e, string key);
}
