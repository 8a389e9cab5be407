using System.Globalization;

namespace Chat.Tests.Infrastructure;

/// <summary>
/// A real Redis primary with a replica, watched by a Sentinel (redis-server in sentinel mode)
/// that fails over a second after the primary goes silent. Nodes connect through the Sentinel,
/// by service name, as a shop running Sentinel would configure them.
/// </summary>
public sealed class RedisSentinel : IRedisUnderTest
{
    public const string ServiceName = "chat";

    private readonly string _dir = Directory.CreateTempSubdirectory("chat-redis-sentinel-").FullName;
    private RedisServer? _primary;
    private RedisServer? _replica;
    private RedisServer? _sentinel;

    public string Configuration => $"127.0.0.1:{_sentinel!.Port},serviceName={ServiceName}";

    public static async Task<RedisSentinel> StartAsync()
    {
        var sentinel = new RedisSentinel();
        try
        {
            sentinel._primary = await RedisServer.StartAsync(ProcessRunner.FreePort(), []);
            var primaryPort = sentinel._primary.Port.ToString(CultureInfo.InvariantCulture);
            sentinel._replica = await RedisServer.StartAsync(ProcessRunner.FreePort(), ["--replicaof", "127.0.0.1", primaryPort]);
            var config = Path.Combine(sentinel._dir, "sentinel.conf");
            await File.WriteAllTextAsync(config,
                $"""
                sentinel monitor {ServiceName} 127.0.0.1 {primaryPort} 1
                sentinel down-after-milliseconds {ServiceName} 1000
                sentinel failover-timeout {ServiceName} 5000
                sentinel parallel-syncs {ServiceName} 1

                """);
            sentinel._sentinel = await RedisServer.StartAsync(ProcessRunner.FreePort(), [config, "--sentinel"]);
            await RedisTopologies.WaitUntilAsync(async () =>
                (await sentinel.SentinelAsync("replicas", ServiceName)).Contains("flags\nslave\n", StringComparison.Ordinal)
                && (await sentinel.SentinelAsync("replicas", ServiceName)).Contains("master-link-status\nok", StringComparison.Ordinal),
                "the replica to be in sync and known to the Sentinel");
            return sentinel;
        }
        catch
        {
            await sentinel.DisposeAsync();
            throw;
        }
    }

    public async Task FailOverRoutingPrimaryAsync()
    {
        await _primary!.KillAsync();
        await RedisTopologies.WaitUntilAsync(async () => await PrimaryPortAsync() == _replica!.Port, "the Sentinel to promote the replica");
    }

    private async Task<int> PrimaryPortAsync()
    {
        var lines = (await SentinelAsync("get-master-addr-by-name", ServiceName)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return int.Parse(lines[1].Trim(), CultureInfo.InvariantCulture);
    }

    private Task<string> SentinelAsync(params string[] args) =>
        ProcessRunner.RunAsync("redis-cli", ["-p", _sentinel!.Port.ToString(CultureInfo.InvariantCulture), "sentinel", .. args]);

    public async ValueTask DisposeAsync()
    {
        foreach (var server in new[] { _sentinel, _replica, _primary })
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }

        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
