using System.Reflection;
using Chat.Server;
using Chat.Server.Limits;
using Chat.Server.Observability;
using Chat.Server.Redis;
using Chat.Server.Routing;
using Chat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Chat.Tests.Cluster;

/// <summary>
/// Redis Cluster refuses a script or a command whose keys sit in more than one hash slot. Every
/// routing decision and the rate limit run here against a real three-primary cluster; a key
/// built without the routing hash tag fails this test with CROSSSLOT or a "non local key" error.
/// </summary>
public sealed class RedisScriptSlotTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Every_routing_script_and_the_rate_limit_run_on_a_cluster_each_within_one_slot()
    {
        await using var cluster = await RedisCluster.StartAsync();
        var options = Options.Create(new ChatOptions { Redis = cluster.Configuration });
        var metrics = new ChatMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        await using var redis = new RedisConnection(options, metrics);
        var router = new RedisRouter(redis, options, TimeProvider.System);

        Assert.True((await router.ClaimRebuildAsync(None)).RebuildHere);
        Assert.False((await router.ClaimRebuildAsync(None)).RebuildHere);
        await router.SetAgentAsync(new AgentSlot("ana", new HashSet<string> { "s1", "s2" }, 2, 0, true, 0), None);
        await router.SetAgentAsync(new AgentSlot("bo", new HashSet<string> { "s2" }, 1, 0, true, 0), None);
        Assert.True(await router.HeartbeatAsync("ana", None));
        Assert.True(await router.HasAvailableAgentAsync("s1", None));
        Assert.Equal(["ana", "bo"], (await router.AgentsAsync("s2", None)).Select(a => a.AgentId).Order());

        Assert.Equal("ana", await router.AssignOrEnqueueAsync("s1", "c1", 1, None));
        Assert.Equal("bo", await router.AssignOrEnqueueAsync("s2", "c2", 2, None));
        Assert.Equal("ana", await router.AssignOrEnqueueAsync("s2", "c3", 3, None));
        Assert.Null(await router.AssignOrEnqueueAsync("s2", "c4", 4, None));
        Assert.Equal(1, await router.PositionAsync("s2", "c4", None));
        Assert.Equal(["c4"], await router.QueueAsync("s2", None));

        await router.ReleaseAsync("ana", None);
        Assert.Equal(["c4"], await router.DrainForAgentAsync("ana", None));
        await router.ReturnAsync("ana", "s2", "c4", 4, None);
        Assert.True(await router.TryTakeAsync("ana", "s2", "c4", None));
        Assert.False(await router.TryTakeOutsideLineAsync("ana", "s1", None));
        Assert.True(await router.TryHandOverAsync("s2", "ana", "bo", None) is false); // ana is full
        await router.ReleaseAsync("ana", None);
        Assert.True(await router.TryHandOverAsync("s2", "ana", "bo", None));
        await router.ReleaseAsync("bo", None);
        Assert.True(await router.TryTakeOutsideLineAsync("bo", "s2", None));

        await router.SetAvailableAsync("bo", false, None);
        Assert.False(await router.HasAvailableAgentAsync("s2", None) && (await router.AgentsAsync("s2", None)).All(a => a.Available));
        await router.RemoveAgentAsync("bo", None);
        Assert.False(await router.IsOnlineAsync("bo", None));
        await router.EnqueueIfAbsentAsync("s1", "c5", 5, None);
        Assert.Equal(["c5"], await router.QueueAsync("s1", None));

        // Every script of the router ran, on the one primary that holds the routing slot.
        var scripts = typeof(RedisRouterScripts).GetFields(BindingFlags.Public | BindingFlags.Static).Count(f => f.IsLiteral && f.FieldType == typeof(string));
        Assert.Equal(scripts, await cluster.ScriptsRunOnRoutingPrimaryAsync());

        var limiter = new RedisRateLimiter(redis, TimeProvider.System, NullLogger<RedisRateLimiter>.Instance);
        Assert.True(await limiter.TryAcquireAsync("ip:203.0.113.7", 1, TimeSpan.FromMinutes(1), None));
        Assert.False(await limiter.TryAcquireAsync("ip:203.0.113.7", 1, TimeSpan.FromMinutes(1), None));
    }
}
