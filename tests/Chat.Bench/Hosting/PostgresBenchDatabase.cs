using System.Data.Common;
using Chat.Tests.Infrastructure;
using Npgsql;

namespace Chat.Bench.Hosting;

/// <summary>
/// A real PostgreSQL started for the run (Debian's package, as the tests start it), with fsync
/// on: the rates it gives are durable commits, like SQLite's with <c>synchronous</c> FULL.
/// </summary>
public sealed class PostgresBenchDatabase : IBenchDatabase, IAsyncDisposable
{
    private readonly PostgresServer _server;
    private readonly string _connectionString;

    private PostgresBenchDatabase(PostgresServer server, string connectionString)
    {
        _server = server;
        _connectionString = connectionString;
    }

    public string Name => "postgres";

    public string Description => $"PostgreSQL (fsync on) on 127.0.0.1:{_server.Port}";

    public IReadOnlyList<string> ServerArgs => ["--Chat:Database:Provider=Postgres", $"--Chat:Database:ConnectionString={_connectionString}"];

    public static async Task<PostgresBenchDatabase> StartAsync()
    {
        var server = new PostgresServer { Durable = true };
        await server.InitializeAsync();
        return new PostgresBenchDatabase(server, await server.CreateDatabaseAsync());
    }

    public async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();
}
