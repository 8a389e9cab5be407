using System.Collections.Concurrent;
using System.Net.Http.Json;
using Chat.Bench.Hosting;
using Chat.Bench.Load;
using Chat.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Chat.Bench.Targets;

/// <summary>
/// The real chat server, Release build, in its own process with a fresh data folder: the full
/// path of hub, validation, database commit, routing and fan-out. Or several such nodes sharing
/// Redis (one server or a cluster) and a PostgreSQL the bench starts (<see cref="StartNodesAsync"/>),
/// with agents on the last node and visitors on the others, so every message crosses Redis.
/// </summary>
public sealed class ChatTarget : ITarget
{
    public const string SiteKey = "bench-site";
    private static readonly TimeSpan AssignTimeout = TimeSpan.FromSeconds(60);

    private readonly SourceAddresses _sources;
    private readonly string _dataDir;
    private readonly ConcurrentBag<IAsyncDisposable> _open = [];
    private readonly HttpClient _http;
    private readonly IAsyncDisposable? _redis;
    private IReadOnlyList<string> _visitorTokens = [];

    private ChatTarget(IReadOnlyList<ServerProcess> servers, IBenchDatabase database, IAsyncDisposable? redis, SourceAddresses sources, string dataDir)
    {
        Servers = servers;
        Database = database;
        _redis = redis;
        _sources = sources;
        _dataDir = dataDir;
        // Agents sign in where their hub connection goes.
        _http = sources.HttpClient(AgentNode.BaseUrl);
    }

    public string Name => Servers.Count == 1 ? "chat server" : $"chat, {Servers.Count} nodes";

    public ServerProcess Server => Servers[0];

    public IReadOnlyList<ServerProcess> Servers { get; }

    /// <summary>Where a visitor connects: one of the nodes before the last, in turn (the only node when there is one).</summary>
    private ServerProcess VisitorNode(int index) => Servers[Servers.Count == 1 ? 0 : index % (Servers.Count - 1)];

    /// <summary>Where agents sign in and connect: the last node, so with two a message always goes from one node to the other.</summary>
    private ServerProcess AgentNode => Servers[^1];

    public IBenchDatabase Database { get; }

    public static async Task<ChatTarget> StartAsync(SourceAddresses sources, string databaseName, CancellationToken ct)
    {
        var dataDir = Directory.CreateTempSubdirectory("chat-bench-").FullName;
        var database = await BenchDatabases.StartAsync(databaseName, dataDir);
        var server = await ServerProcess.StartAsync("chat", ServerArgs(dataDir, database, redis: null), Connections.ServerMaxLifetime, ct);
        return new ChatTarget([server], database, redis: null, sources, dataDir);
    }

    /// <summary>
    /// Several server nodes, as a scaled-out install runs: Redis (one redis-server, or a Redis
    /// Cluster of three primaries with replicas) and a PostgreSQL (fsync on) started for the run,
    /// and every node pointed at them and at one data folder (the same sign-in keys). They start
    /// one after the other: the first migrates the database.
    /// </summary>
    public static async Task<ChatTarget> StartNodesAsync(SourceAddresses sources, int nodes, bool redisCluster, CancellationToken ct)
    {
        var dataDir = Directory.CreateTempSubdirectory("chat-bench-").FullName;
        var started = new Stack<IAsyncDisposable>();
        try
        {
            string redisConfiguration;
            try
            {
                if (redisCluster)
                {
                    var cluster = await RedisCluster.StartAsync();
                    started.Push(cluster);
                    redisConfiguration = cluster.Configuration;
                }
                else
                {
                    var redis = await RedisServer.StartAsync(ct);
                    started.Push(redis);
                    redisConfiguration = redis.Configuration;
                }
            }
            catch (InvalidOperationException e)
            {
                throw new BenchFailedException(e.Message);
            }

            var redisProcesses = started.Peek();
            var database = await PostgresBenchDatabase.StartAsync();
            started.Push(database);
            var args = ServerArgs(dataDir, database, redisConfiguration);
            var servers = new List<ServerProcess>();
            for (var i = 0; i < nodes; i++)
            {
                var server = await ServerProcess.StartAsync("chat", args, Connections.ServerMaxLifetime, ct);
                started.Push(server);
                servers.Add(server);
            }

            return new ChatTarget(servers, database, redisProcesses, sources, dataDir);
        }
        catch
        {
            while (started.TryPop(out var item))
            {
                await item.DisposeAsync();
            }

            throw;
        }
    }

    private static string[] ServerArgs(string dataDir, IBenchDatabase database, string? redis) =>
        [
            .. Connections.HostArgs(),
            $"--contentRoot={RepoPaths.Server}",
            $"--Chat:DataDir={dataDir}",
            $"--Chat:Demo:SiteKey={SiteKey}",
            // Every simulated visitor comes from this one machine: per-IP and per-visitor limits would measure themselves.
            "--Chat:Limits:ConversationsPerIpPerMinute=100000000",
            "--Chat:Limits:VisitorsPerIpPerMinute=100000000",
            "--Chat:Limits:MessagesPerVisitorPerMinute=100000000",
            // The seeded agents' cheap hashes (Seeding) are not raised at sign-in: that is not what the bench measures.
            "--Chat:SignIn:PasswordIterations=1000",
            "--Chat:Demo:AdminEmail=admin@bench.test",
            // Fixed, so the first start logs no generated password.
            $"--Chat:Demo:AdminPassword={Seeding.AgentPassword}",
            .. database.ServerArgs,
            .. redis is null ? Array.Empty<string>() : [$"--Chat:Redis={redis}"],
        ];

    public async Task<IReadOnlyList<Pair>> OpenPairsAsync(int count, DeliveryHandler? onDelivery, CancellationToken ct)
    {
        var emails = await Seeding.AddAgentsAsync(Database, SiteKey, count, ct);
        var tokens = await Seeding.AddVisitorsAsync(Database, SiteKey, count, ct);

        // Whichever comes first, the visitor's answer or the agent's chatAssigned event, meets the other here.
        var assigned = new ConcurrentDictionary<string, TaskCompletionSource<Peer>>(StringComparer.Ordinal);
        TaskCompletionSource<Peer> Slot(string conversationId) =>
            assigned.GetOrAdd(conversationId, _ => new TaskCompletionSource<Peer>(TaskCreationOptions.RunContinuationsAsynchronously));

        // Every agent is online before the first visitor arrives, so no one waits in line.
        await Parallel.ForEachAsync(emails, Connections.Parallel(ct), async (email, token) =>
        {
            var agent = new Peer(Roles.Agent, onDelivery);
            agent.OnOtherEvent = (target, argument) =>
            {
                if (target == "chatAssigned")
                {
                    Slot(argument.GetProperty("conversationId").GetString()!).TrySetResult(agent);
                }
            };
            var cookie = await SignInAsync(email, token);
            _open.Add(agent);
            await agent.ConnectAsync(
                t => RawHubClient.ConnectAsync(AgentHubUrl, Connections.Options(_sources, agent, cookie), t),
                (client, t) => client.CallAsync("SetPresence", t, new { presence = "online" }),
                token);
        });

        var pairs = new Pair[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), Connections.Parallel(ct), async (i, token) =>
        {
            var visitor = new Peer(Roles.Visitor, onDelivery);
            _open.Add(visitor);
            await visitor.ConnectAsync(t => RawHubClient.ConnectAsync(VisitorHubUrl(i, tokens[i]), Connections.Options(_sources, visitor), t), join: null, token);
            var conversationId = (await visitor.Client.CallAsync("StartConversation", token)).GetProperty("id").GetString()!;
            var agent = await Slot(conversationId).Task.WaitAsync(AssignTimeout, token);
            visitor.SendWith((clientId, text) => new { conversationId, clientId, text });
            agent.SendWith((clientId, text) => new { conversationId, clientId, text });
            pairs[i] = new Pair(i, visitor, agent);
        });
        return pairs;
    }

    public async Task PrepareVisitorsAsync(int count, CancellationToken ct) =>
        _visitorTokens = await Seeding.AddVisitorsAsync(Database, SiteKey, count, ct);

    public Task<RawHubClient> ConnectVisitorAsync(int index, CancellationToken ct) =>
        RawHubClient.ConnectAsync(VisitorHubUrl(index, _visitorTokens[index]), Connections.Options(_sources, peer: null), ct);

    public Task<long> CountMessagesAsync(CancellationToken ct) => Seeding.CountMessagesAsync(Database, ct);

    private Uri AgentHubUrl => new($"ws://{AgentNode.BaseUrl.Authority}/hubs/agent");

    private Uri VisitorHubUrl(int index, string token) =>
        new($"ws://{VisitorNode(index).BaseUrl.Authority}/hubs/visitor?site={SiteKey}&access_token={Uri.EscapeDataString(token)}");

    /// <summary>Signs in over the JSON endpoint, as any agent program does, and returns the cookie for the hub.</summary>
    private async Task<string> SignInAsync(string email, CancellationToken ct)
    {
        using var response = await _http.PostAsJsonAsync("api/agents/sign-in", new { email, password = Seeding.AgentPassword }, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchFailedException($"Agent sign-in failed with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        }

        return string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
    }

    public async ValueTask DisposeAsync()
    {
        await Parallel.ForEachAsync(_open, CancellationToken.None, async (peer, _) => await peer.DisposeAsync());
        _http.Dispose();
        foreach (var server in Servers)
        {
            await server.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        if (Database is IAsyncDisposable started)
        {
            await started.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; the figures are already taken.
        }
    }
}
