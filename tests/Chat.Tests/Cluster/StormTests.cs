using Chat.Server.Storage;
using Chat.Tests.Cluster.Storm;
using Chat.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Chat.Tests.Cluster;

/// <summary>
/// Many conversations over two nodes (one its own process), visitors and agents sending while
/// random sockets on both sides drop every second. Every acknowledged message must be stored
/// once and shown once, in order, on both sides.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class StormTests(PostgresServer postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task A_disconnect_storm_over_two_nodes_loses_duplicates_and_reorders_nothing()
    {
        await using var redis = await RedisServer.StartAsync();
        var database = await postgres.CreateDatabaseAsync();
        // Shared sign-in keys, so an agent's cookie from one node works on the other.
        var shared = Directory.CreateTempSubdirectory("chat-storm-").FullName;
        string[] args =
        [
            $"--Chat:Redis={redis.Configuration}",
            "--Chat:Database:Provider=Postgres",
            $"--Chat:Database:ConnectionString={database}",
            $"--Chat:DataDir={shared}",
            "--Chat:Routing:HeartbeatSeconds=1",
            "--Chat:Routing:OfflineGraceSeconds=600",
            "--Chat:Limits:ConversationsPerIpPerMinute=100000",
            "--Chat:Limits:VisitorsPerIpPerMinute=100000",
            "--Chat:Limits:MessagesPerVisitorPerMinute=100000",
        ];
        await using var nodeA = await ChatServer.StartAsync(args);
        await using var nodeB = await NodeProcess.StartAsync(
            [.. args, $"--Chat:Demo:SiteKey={ChatServer.SiteKey}", $"--Chat:Demo:AdminPassword={ChatServer.AdminPassword}"]);
        var options = StormOptions.Quick(ChatServer.SiteKey);
        var logins = new List<AgentLogin>();
        for (var i = 0; i < options.Agents; i++)
        {
            var (email, password) = await nodeA.AddAgentAsync($"Storm Agent {i}", capacity: options.Conversations / options.Agents + 2);
            logins.Add(new AgentLogin(email, password));
        }

        var result = await StormRun.RunAsync([nodeA.BaseUrl, nodeB.BaseUrl], logins,
            async ct => (await nodeA.Services.GetRequiredService<Database>().RunAsync((c, token) => c.QueryAsync<StoredMessage>(new CommandDefinition(
                "SELECT conversation_id AS ConversationId, seq, client_id AS ClientId FROM messages;", cancellationToken: token)), ct)).AsList(),
            options);

        output.WriteLine($"{result.SummaryLine} stored={result.Stored} drops={result.Drops} seconds={result.Elapsed.TotalSeconds:F1}");
        Assert.Equal(options.Conversations * options.MessagesPerSide * 2, result.Acknowledged);
        Assert.Equal(result.Acknowledged, result.Stored);
        Assert.True(result.Drops > 0, "The storm dropped no socket, so it proved nothing.");
        Assert.Equal(0, result.Lost);
        Assert.Equal(0, result.Duplicated);
        Assert.Equal(0, result.Reordered);
        Directory.Delete(shared, recursive: true);
    }
}
