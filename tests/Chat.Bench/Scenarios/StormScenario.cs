using Chat.Bench.Cli;
using Chat.Bench.Hosting;
using Chat.Bench.Report;
using Chat.Bench.Targets;
using Chat.Tests.Cluster.Storm;
using Chat.Tests.Infrastructure;
using Dapper;

namespace Chat.Bench.Scenarios;

/// <summary>
/// The disconnect storm across two nodes sharing one Redis: conversations on both nodes, both
/// sides sending while random sockets drop, then a count of what was acknowledged, stored and
/// shown. It starts its own redis-server; the two nodes share one SQLite file (several
/// processes on one machine may), so nothing else is needed.
/// </summary>
public sealed class StormScenario : IScenario
{
    public string Name => "storm";

    public string Description => "two nodes and Redis, both sides sending while random sockets drop: lost, duplicated and reordered messages";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        OptionSpec.Integer("conversations", 200, 20, "visitor-agent conversations, each with its own agent"),
        OptionSpec.Integer("messages", 50, 25, "messages each side sends per conversation"),
        OptionSpec.Integer("drop-ms", 2000, 1000, "milliseconds between rounds of socket drops"),
        OptionSpec.Integer("drop-percent", 10, 20, "share of live sockets dropped in each round, on both sides"),
    ];

    public async Task<Summary> RunAsync(ScenarioOptions options, TextWriter output, CancellationToken ct)
    {
        RedisServer redis;
        try
        {
            redis = await RedisServer.StartAsync();
        }
        catch (InvalidOperationException e)
        {
            throw new BenchFailedException(e.Message);
        }

        await using var _ = redis;
        var dataDir = Directory.CreateTempSubdirectory("chat-storm-").FullName;
        var database = new SqliteBenchDatabase(dataDir);
        string[] args =
        [
            .. Connections.HostArgs(),
            $"--contentRoot={RepoPaths.Server}",
            // One data folder for both nodes: the same database file and the same sign-in keys.
            $"--Chat:DataDir={dataDir}",
            $"--Chat:Redis={redis.Configuration}",
            $"--Chat:Demo:SiteKey={ChatTarget.SiteKey}",
            "--Chat:Demo:AdminEmail=admin@bench.test",
            $"--Chat:Demo:AdminPassword={Seeding.AgentPassword}",
            "--Chat:Routing:OfflineGraceSeconds=3600",
            "--Chat:Limits:ConversationsPerIpPerMinute=100000000",
            "--Chat:Limits:VisitorsPerIpPerMinute=100000000",
            "--Chat:Limits:MessagesPerVisitorPerMinute=100000000",
        ];
        // One after the other: the first creates the schema, the second finds it.
        await using var first = await ServerProcess.StartAsync("chat", args, Connections.ServerMaxLifetime, ct);
        await using var second = await ServerProcess.StartAsync("chat", args, Connections.ServerMaxLifetime, ct);

        var conversations = options.Integer("conversations");
        var emails = await Seeding.AddAgentsAsync(database, ChatTarget.SiteKey, conversations, ct);
        var storm = new StormOptions(
            conversations,
            options.Integer("messages"),
            conversations,
            TimeSpan.FromMilliseconds(options.Integer("drop-ms")),
            options.Integer("drop-percent") / 100.0,
            options.Quick ? TimeSpan.FromSeconds(90) : TimeSpan.FromMinutes(20),
            ChatTarget.SiteKey);
        var result = await StormRun.RunAsync(
            [first.BaseUrl, second.BaseUrl],
            [.. emails.Select(e => new AgentLogin(e, Seeding.AgentPassword))],
            async token =>
            {
                await using var connection = await database.OpenAsync(token);
                return (await connection.QueryAsync<StoredMessage>(new CommandDefinition(
                    "SELECT conversation_id AS ConversationId, seq, client_id AS ClientId FROM messages;", cancellationToken: token))).AsList();
            },
            storm);

        new Table("conversations", "acknowledged", "stored", "socket drops", "lost", "duplicated", "reordered", "time")
            .Row(Format.Count(result.Conversations), Format.Count(result.Acknowledged), Format.Count(result.Stored), Format.Count(result.Drops),
                Format.Count(result.Lost), Format.Count(result.Duplicated), Format.Count(result.Reordered), Format.Seconds(result.Elapsed))
            .Print(output);
        Directory.Delete(dataDir, recursive: true);
        return new Summary(Name)
            .Add("conversations", result.Conversations)
            .Add("messages", result.Acknowledged)
            .Add("lost", result.Lost)
            .Add("duplicated", result.Duplicated)
            .Add("reordered", result.Reordered);
    }
}
