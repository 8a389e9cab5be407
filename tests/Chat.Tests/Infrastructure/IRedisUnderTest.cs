namespace Chat.Tests.Infrastructure;

/// <summary>A Redis deployment the nodes share: a cluster, or a primary watched by Sentinel.</summary>
public interface IRedisUnderTest : IAsyncDisposable
{
    /// <summary>What <c>Chat:Redis</c> is set to, as a shop would set it.</summary>
    string Configuration { get; }

    /// <summary>Kills (SIGKILL) the primary that holds routing state and returns once a replica serves in its place.</summary>
    Task FailOverRoutingPrimaryAsync();
}

/// <summary>Starts the topology a theory names.</summary>
public static class RedisTopologies
{
    public const string Cluster = "cluster";
    public const string Sentinel = "sentinel";

    public static async Task<IRedisUnderTest> StartAsync(string topology) => topology switch
    {
        Cluster => await RedisCluster.StartAsync(),
        Sentinel => await RedisSentinel.StartAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(topology), topology, "cluster or sentinel"),
    };

    /// <summary>Polls what a Redis deployment reports until it holds; a topology takes seconds to form or fail over.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited 30 s for {what}.");
            }

            await Task.Delay(100);
        }
    }
}
