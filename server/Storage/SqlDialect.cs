using System.Data.Common;
using System.Runtime.CompilerServices;
using Dapper;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Chat.Server.Storage;

public enum DatabaseProvider { Sqlite, Postgres, SqlServer }

/// <summary>
/// Everything that differs between SQLite, PostgreSQL and SQL Server, in one place. All other
/// SQL is written once, in the portable subset the three share.
/// </summary>
public sealed class SqlDialect(DatabaseProvider provider)
{
    public DatabaseProvider Provider { get; } = provider;

    public static DatabaseProvider Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        null or "" or "sqlite" => DatabaseProvider.Sqlite,
        "postgres" or "postgresql" or "npgsql" => DatabaseProvider.Postgres,
        "sqlserver" or "mssql" => DatabaseProvider.SqlServer,
        _ => throw new InvalidOperationException($"Chat:Database:Provider '{name}' is not one of Sqlite, Postgres, SqlServer."),
    };

    /// <summary>
    /// One data source per database for the node's lifetime. PostgreSQL gets a real
    /// <see cref="NpgsqlDataSource"/> (its pool, type mapping and prepared statements live
    /// there); the others use their provider's pooled connections behind the same type.
    /// </summary>
    public DbDataSource CreateDataSource(string connectionString) => Provider switch
    {
        DatabaseProvider.Postgres => NpgsqlDataSource.Create(connectionString),
        DatabaseProvider.SqlServer => SqlClientFactory.Instance.CreateDataSource(connectionString),
        _ => SqliteFactory.Instance.CreateDataSource(connectionString),
    };

    /// <summary>
    /// Per-connection settings, applied once to each physical connection (pooled ones keep them).
    /// SQLite: wait for a busy write lock inside SQLite itself, which polls every few
    /// milliseconds, instead of in Microsoft.Data.Sqlite's retry loop, which sleeps 150 ms on a
    /// blocked thread and made concurrent senders fall far behind.
    /// </summary>
    public async Task PrepareAsync(DbConnection connection, CancellationToken ct)
    {
        if (connection is not SqliteConnection { Handle: { } handle } || PreparedSqliteHandles.TryGetValue(handle, out _))
        {
            return;
        }

        await connection.ExecuteAsync(new CommandDefinition("PRAGMA busy_timeout = 10000;", cancellationToken: ct));
        PreparedSqliteHandles.AddOrUpdate(handle, PreparedMark);
    }

    // Keyed by SQLite's own handle, which lives as long as the physical connection in the pool.
    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> PreparedSqliteHandles = new();
    private static readonly object PreparedMark = new();

    /// <summary>
    /// Raises a conversation's sequence by one and returns it with the conversation's agent,
    /// customer and times at that moment. Returns nothing when <c>@clientId</c> is already stored
    /// (a retry), or the conversation is resolved or missing, or not assigned to <c>@agentId</c> when
    /// that is given (an agent's reply): the caller then reads which, off the common path. An agent's
    /// reply also marks the conversation seen up to itself, in the same commit: replying is seeing,
    /// and the visitor learns it from the reply (see docs/protocol.md), so no second write follows.
    /// </summary>
    public string BumpSequence => Provider switch
    {
        DatabaseProvider.SqlServer =>
            """
            UPDATE conversations
            SET last_seq = last_seq + 1,
                first_response_at = CASE WHEN @isAgent = 1 AND first_response_at IS NULL THEN @now ELSE first_response_at END,
                agent_seen_seq = CASE WHEN @isAgent = 1 THEN last_seq + 1 ELSE agent_seen_seq END
            OUTPUT inserted.last_seq, inserted.agent_id, inserted.customer_id, inserted.created_at, inserted.first_response_at
            WHERE id = @conversationId AND status <> 'resolved' AND (@agentId IS NULL OR agent_id = @agentId)
              AND NOT EXISTS (SELECT 1 FROM messages WHERE conversation_id = @conversationId AND client_id = @clientId);
            """,
        _ =>
            """
            UPDATE conversations
            SET last_seq = last_seq + 1,
                first_response_at = CASE WHEN @isAgent = 1 AND first_response_at IS NULL THEN @now ELSE first_response_at END,
                agent_seen_seq = CASE WHEN @isAgent = 1 THEN last_seq + 1 ELSE agent_seen_seq END
            WHERE id = @conversationId AND status <> 'resolved' AND (@agentId IS NULL OR agent_id = @agentId)
              AND NOT EXISTS (SELECT 1 FROM messages WHERE conversation_id = @conversationId AND client_id = @clientId)
            RETURNING last_seq, agent_id, customer_id, created_at, first_response_at;
            """,
    };

    /// <summary>
    /// PostgreSQL only (null elsewhere): <see cref="BumpSequence"/> and the insert of the message in
    /// one statement, so a batch of them can travel in one round trip. Returns what the bump
    /// returns, or nothing when it raised nothing (a retry or a refusal), and then inserts nothing.
    /// </summary>
    public string? AppendInOne => Provider == DatabaseProvider.Postgres
        ? $"""
          WITH bumped AS (
          {BumpSequence.TrimEnd().TrimEnd(';')}
          ), inserted AS (
              INSERT INTO messages (conversation_id, seq, client_id, sender, sender_id, sender_name, text, created_at)
              SELECT @conversationId, last_seq, @clientId, @sender, @senderId, @senderName, @text, @now FROM bumped
          )
          SELECT * FROM bumped;
          """
        : null;

    /// <summary>
    /// "column is one of the list in <paramref name="parameter"/>". Dapper expands a list into
    /// IN (…) for most providers, but hands PostgreSQL a real array, which needs ANY.
    /// </summary>
    public string InList(string column, string parameter) => Provider switch
    {
        DatabaseProvider.Postgres => $"{column} = ANY({parameter})",
        _ => $"{column} IN {parameter}",
    };

    /// <summary>Wraps "SELECT … ORDER BY …" so it returns at most <paramref name="limitParameter"/> rows.</summary>
    public string FirstRows(string selectAfterKeyword, string limitParameter) => Provider switch
    {
        DatabaseProvider.SqlServer => $"SELECT TOP ({limitParameter}) {selectAfterKeyword}",
        _ => $"SELECT {selectAfterKeyword} LIMIT {limitParameter}",
    };

    /// <summary>The insert hit a unique index: another writer got there first.</summary>
    public static bool IsUniqueViolation(Exception e) => e switch
    {
        SqliteException s => s.SqliteErrorCode == 19 && s.SqliteExtendedErrorCode is 2067 or 1555, // UNIQUE, PRIMARY KEY
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        SqlException s => s.Number is 2601 or 2627,
        _ => false,
    };

    public string CreateMigrationsTable => Provider switch
    {
        DatabaseProvider.SqlServer =>
            "IF OBJECT_ID('schema_migrations') IS NULL CREATE TABLE schema_migrations (version NVARCHAR(64) PRIMARY KEY, applied_at BIGINT NOT NULL);",
        DatabaseProvider.Postgres =>
            "CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, applied_at BIGINT NOT NULL);",
        _ => "CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, applied_at INTEGER NOT NULL);",
    };

    /// <summary>
    /// Holds a database-wide lock on this connection, so nodes starting together migrate and
    /// seed one at a time. SQLite has one node, so it needs none.
    /// </summary>
    public async Task LockForStartupAsync(DbConnection connection, CancellationToken ct)
    {
        var sql = Provider switch
        {
            DatabaseProvider.Postgres => "SELECT pg_advisory_lock(724101);",
            DatabaseProvider.SqlServer => "EXEC sp_getapplock @Resource = 'chat-startup', @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = 120000;",
            _ => "PRAGMA journal_mode=WAL;",
        };
        await connection.ExecuteAsync(new CommandDefinition(sql, commandTimeout: 130, cancellationToken: ct));
    }

    public async Task UnlockForStartupAsync(DbConnection connection, CancellationToken ct)
    {
        var sql = Provider switch
        {
            DatabaseProvider.Postgres => "SELECT pg_advisory_unlock(724101);",
            DatabaseProvider.SqlServer => "EXEC sp_releaseapplock @Resource = 'chat-startup', @LockOwner = 'Session';",
            _ => null,
        };
        if (sql is not null)
        {
            await connection.ExecuteAsync(new CommandDefinition(sql, cancellationToken: ct));
        }
    }
}
