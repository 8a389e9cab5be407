using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace Chat.Server.Storage;

/// <summary>
/// The way to the database. Every call runs inside one resilience pipeline: a timeout per
/// attempt, retries with jittered backoff for transient faults, and a circuit breaker that
/// fails fast while the database is down. Each attempt opens its own pooled connection, so a
/// retry never reuses a broken one. Writes are safe to retry: they are idempotent (client ids,
/// conditional updates).
/// </summary>
public sealed class Database : IAsyncDisposable
{
    private readonly ResiliencePipeline _pipeline;
    private readonly DbDataSource _dataSource;

    public Database(IOptions<ChatOptions> options, IHostEnvironment environment)
    {
        var settings = options.Value;
        Dialect = new SqlDialect(SqlDialect.Parse(settings.Database.Provider));
        ConnectionString = BuildConnectionString(settings, Dialect.Provider, environment);
        _dataSource = Dialect.CreateDataSource(ConnectionString);
        _pipeline = BuildPipeline(settings.Database.Resilience);
    }

    public SqlDialect Dialect { get; }

    public string ConnectionString { get; }

    public async Task<T> RunAsync<T>(Func<DbConnection, CancellationToken, Task<T>> work, CancellationToken ct) =>
        await _pipeline.ExecuteAsync(async token =>
        {
            await using var connection = _dataSource.CreateConnection();
            await connection.OpenAsync(token);
            await Dialect.PrepareAsync(connection, token);
            return await work(connection, token);
        }, ct);

    public Task RunAsync(Func<DbConnection, CancellationToken, Task> work, CancellationToken ct) =>
        RunAsync(async (connection, token) =>
        {
            await work(connection, token);
            return true;
        }, ct);

    /// <summary>A connection outside the pipeline, for start-up work that holds a lock across several steps.</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = _dataSource.CreateConnection();
        await connection.OpenAsync(ct);
        await Dialect.PrepareAsync(connection, ct);
        return connection;
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private static ResiliencePipeline BuildPipeline(ResilienceOptions options) =>
        Resilience.Build(options, new PredicateBuilder()
            .Handle<Exception>(TransientErrors.IsTransient)
            .Handle<TimeoutRejectedException>());

    private static string BuildConnectionString(ChatOptions options, DatabaseProvider provider, IHostEnvironment environment)
    {
        if (!string.IsNullOrWhiteSpace(options.Database.ConnectionString))
        {
            return options.Database.ConnectionString;
        }

        if (provider != DatabaseProvider.Sqlite)
        {
            throw new InvalidOperationException($"Chat:Database:ConnectionString is required for {provider}.");
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
