using Chat.Tests.Infrastructure;

namespace Chat.Tests.Cluster;

/// <summary>The settings every node of a test cluster shares: Redis, one PostgreSQL database, the demo site and admin.</summary>
internal static class NodeArgs
{
    public static string[] Shared(RedisServer redis, string database) => Shared(redis.Configuration, database);

    public static string[] Shared(string redis, string database) =>
    [
        $"--Chat:Redis={redis}",
        "--Chat:Database:Provider=Postgres",
        $"--Chat:Database:ConnectionString={database}",
        $"--Chat:Demo:SiteKey={ChatServer.SiteKey}",
        $"--Chat:Demo:AdminEmail={ChatServer.AdminEmail}",
        $"--Chat:Demo:AdminPassword={ChatServer.AdminPassword}",
    ];

    /// <summary>
    /// As <see cref="Shared(string, string)"/>, with quick heartbeats and presence, a grace period
    /// the test chooses, and limits no test machine trips (dozens of visitors come from one address).
    /// </summary>
    public static string[] Routing(string redis, string database, int graceSeconds = 600) =>
    [
        .. Shared(redis, database),
        "--Chat:Routing:HeartbeatSeconds=1",
        "--Chat:Routing:PresenceTtlSeconds=3",
        $"--Chat:Routing:OfflineGraceSeconds={graceSeconds}",
        "--Chat:Limits:ConversationsPerIpPerMinute=100000",
        "--Chat:Limits:VisitorsPerIpPerMinute=100000",
        "--Chat:Limits:MessagesPerVisitorPerMinute=100000",
    ];
}
