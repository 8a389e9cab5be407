using System.Globalization;

namespace Chat.Tests.Infrastructure;

/// <summary>
/// A real Redis Cluster of three primaries, each with a replica, on free ports: six redis-server
/// processes in cluster mode joined by <c>redis-cli --cluster create</c>. Nodes give up on a
/// silent peer after a second, so a killed primary's replica takes over within a few.
/// </summary>
public sealed class RedisCluster : IRedisUnderTest
{
    /// <summary>Where routing state lives: every routing key shares this key's hash tag.</summary>
    public const string RoutingKey = "chat:{routing}:state";

    private readonly List<RedisServer> _nodes = [];
    private readonly string _dir = Directory.CreateTempSubdirectory("chat-redis-cluster-").FullName;

    public string Configuration => string.Join(',', _nodes.Select(n => $"127.0.0.1:{n.Port}"));

    public static async Task<RedisCluster> StartAsync()
    {
        var cluster = new RedisCluster();
        try
        {
            for (var i = 0; i < 6; i++)
            {
                var port = ProcessRunner.FreePort();
                cluster._nodes.Add(await RedisServer.StartAsync(port,
                [
                    "--cluster-enabled", "yes",
                    "--cluster-config-file", Path.Combine(cluster._dir, $"nodes-{port}.conf"),
                    "--cluster-node-timeout", "1000",
                    // A replica takes over however long ago it last heard its primary: on a busy
                    // test machine the default could leave a slot with no one to serve it.
                    "--cluster-replica-validity-factor", "0",
                    "--cluster-port", ProcessRunner.FreePort().ToString(CultureInfo.InvariantCulture),
                    "--dir", cluster._dir,
                ]));
            }

            await ProcessRunner.RunAsync("redis-cli",
                ["--cluster", "create", .. cluster._nodes.Select(n => $"127.0.0.1:{n.Port}"), "--cluster-replicas", "1", "--cluster-yes"]);
            // Every node must agree the cluster is whole and every primary must have its replica,
            // or a client could meet a node that does not know the slot map yet.
            await RedisTopologies.WaitUntilAsync(async () =>
            {
                var nodes = await NodesAsync(cluster._nodes[0].Port);
                return nodes.Count(n => n.Primary && n.Slots) == 3 && nodes.Count(n => !n.Primary) == 3
                    && (await Task.WhenAll(cluster._nodes.Select(n => StateOkAsync(n.Port)))).All(ok => ok);
            }, "the cluster to form");
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async Task FailOverRoutingPrimaryAsync()
    {
        var slot = (await ProcessRunner.RunAsync("redis-cli", ["-p", Port(0), "cluster", "keyslot", RoutingKey])).Trim();
        var owner = await PrimaryOfAsync(int.Parse(slot, CultureInfo.InvariantCulture));
        var doomed = _nodes.Single(n => n.Port == owner!.Value);
        await doomed.KillAsync();
        var survivor = _nodes.First(n => n != doomed).Port;
        await RedisTopologies.WaitUntilAsync(async () =>
            await PrimaryOfAsync(int.Parse(slot, CultureInfo.InvariantCulture), survivor) is { } now && now != owner && await StateOkAsync(survivor),
            "a replica to take over the routing slot");
    }

    /// <summary>Counts the Lua scripts the primary of the routing slot has run (SCRIPT cache): each distinct script once.</summary>
    public async Task<int> ScriptsRunOnRoutingPrimaryAsync()
    {
        var slot = (await ProcessRunner.RunAsync("redis-cli", ["-p", Port(0), "cluster", "keyslot", RoutingKey])).Trim();
        var owner = (await PrimaryOfAsync(int.Parse(slot, CultureInfo.InvariantCulture)))!.Value;
        var info = await ProcessRunner.RunAsync("redis-cli", ["-p", owner.ToString(CultureInfo.InvariantCulture), "info", "memory"]);
        var line = info.Split('\n').Single(l => l.StartsWith("number_of_cached_scripts:", StringComparison.Ordinal));
        return int.Parse(line.Split(':')[1].Trim(), CultureInfo.InvariantCulture);
    }

    private string Port(int node) => _nodes[node].Port.ToString(CultureInfo.InvariantCulture);

    /// <summary>The healthy primary serving the slot, as the asked node sees it; null mid-failover.</summary>
    private async Task<int?> PrimaryOfAsync(int slot, int? askPort = null)
    {
        var nodes = await NodesAsync(askPort ?? _nodes[0].Port);
        return nodes.SingleOrDefault(n => n.Primary && !n.Failed && n.Ranges.Any(r => r.From <= slot && slot <= r.To))?.Port;
    }

    private static async Task<bool> StateOkAsync(int port)
    {
        try
        {
            return (await ProcessRunner.RunAsync("redis-cli", ["-p", port.ToString(CultureInfo.InvariantCulture), "cluster", "info"])).Contains("cluster_state:ok", StringComparison.Ordinal);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>CLUSTER NODES, one line per node: id, address@bus, flags, primary id, …, slot ranges.</summary>
    private static async Task<List<ClusterNode>> NodesAsync(int port)
    {
        var text = await ProcessRunner.RunAsync("redis-cli", ["-p", port.ToString(CultureInfo.InvariantCulture), "cluster", "nodes"]);
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            var parts = line.Split(' ');
            var flags = parts[2].Split(',');
            var ranges = parts.Skip(8).Where(p => !p.StartsWith('[')).Select(r => r.Split('-')).Select(r =>
                (From: int.Parse(r[0], CultureInfo.InvariantCulture), To: int.Parse(r[^1], CultureInfo.InvariantCulture))).ToList();
            return new ClusterNode(int.Parse(parts[1].Split('@')[0].Split(':')[1], CultureInfo.InvariantCulture),
                flags.Contains("master"), flags.Contains("fail") || flags.Contains("fail?"), ranges);
        })];
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private sealed record ClusterNode(int Port, bool Primary, bool Failed, List<(int From, int To)> Ranges)
    {
        public bool Slots => Ranges.Count > 0;
    }
}
