using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Chat.Server.Storage;

/// <summary>Opens connections to the configured database. The one place that knows the provider.</summary>
public sealed class Database(IOptions<ChatOptions> options, IHostEnvironment environment)
{
    private readonly string _connectionString = BuildConnectionString(options.Value, environment);

    public string ConnectionString => _connectionString;

    public async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    private static string BuildConnectionString(ChatOptions options, IHostEnvironment environment)
    {
        if (!string.IsNullOrWhiteSpace(options.Database.ConnectionString))
        {
            return options.Database.ConnectionString;
        }

        var dataDir = Path.GetFullPath(options.DataDir, environment.ContentRootPath);
        Directory.CreateDirectory(dataDir);
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDir, "chat.db"),
            ForeignKeys = true,
            // Writers queue on SQLite's lock for up to this long instead of failing at once.
            DefaultTimeout = 10,
            Pooling = true,
        }.ToString();
    }
}
