using Chat.Tests.Infrastructure;

namespace Chat.Tests.Cluster;

/// <summary>The settings every node of a test cluster shares: one Redis, one PostgreSQL database, the demo site and admin.</summary>
internal static class NodeArgs
{
    public static string[] Shared(RedisServer redis, string database) =>
    [
        $"--Chat:Redis={redis.Configuration}",
        "--Chat:Database:Provider=Postgres",
        $"--Chat:Database:ConnectionString={database}",
        $"--Chat:Demo:SiteKey={ChatServer.SiteKey}",
        $"--Chat:Demo:AdminEmail={ChatServer.AdminEmail}",
        $"--Chat:Demo:AdminPassword={ChatServer.AdminPassword}",
    ];
}
