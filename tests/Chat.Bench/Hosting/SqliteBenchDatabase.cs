using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Chat.Bench.Hosting;

/// <summary>The embedded default: the server's own SQLite file in its data folder, as a fresh install has it.</summary>
public sealed class SqliteBenchDatabase(string dataDir) : IBenchDatabase
{
    private readonly string _path = Path.Combine(dataDir, "chat.db");

    public string Name => "sqlite";

    public string Description => $"SQLite (WAL, one file) on {FileSystems.TypeOf(dataDir)}";

    // The server's default: a chat.db in its data folder, nothing to configure.
    public IReadOnlyList<string> ServerArgs => [];

    public async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _path, DefaultTimeout = 30, Pooling = false }.ToString());
        await connection.OpenAsync(ct);
        return connection;
    }
}
