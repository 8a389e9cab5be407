using System.Data.Common;
using Chat.Server.Observability;
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

    private readonly ChatMetrics _metrics;
    private long _calls;

    public Database(IOptions<ChatOptions> options, IHostEnvironment environment, ChatMetrics metrics)
    {
        _metrics = metrics;
        var settings = options.Value;
        Dialect = new SqlDialect(SqlDialect.Parse(settings.Database.Provider));
        ConnectionString = BuildConnectionString(settings, Dialect.Provider, environment);
        _dataSource = Dialect.CreateDataSource(ConnectionString);
        _pipeline = BuildPipeline(settings.Database.Resilience);
    }

    public SqlDialect Dialect { get; }

    public string ConnectionString { get; }

    /// <summary>Calls made through <see cref="RunAsync{T}(Func{DbConnection, CancellationToken, Task{T}}, CancellationToken)"/> since start: what a view costs the database.</summary>
    public long Calls => Interlocked.Read(ref _calls);

    public Task<T> RunAsync<T>(Func<DbConnection, CancellationToken, Task<T>> work, CancellationToken ct)
    {
        Interlocked.Increment(ref _calls);
        return RunInPipelineAsync(work, ct);
    }

    private Task<T> RunInPipelineAsync<T>(Func<DbConnection, CancellationToken, Task<T>> work, CancellationToken ct) =>
        _pipeline.ExecuteCountingAsync(async token =>
        {
            await using var connection = _dataSource.CreateConnection();
            await connection.OpenAsync(token);
            await Dialect.PrepareAsync(connection, token);
            return await work(connection, token);
        }, e => CountFailure(e, ct), ct);

    public Task RunAsync(Func<DbConnection, CancellationToken, Task> work, CancellationToken ct) =>
        RunAsync(async (connection, token) =>
        {
            await work(connection, token);
            return true;
        }, ct);

    /// <summary>
    /// The pipeline around work that brings its own connection: the message writer keeps one
    /// open from batch to batch, with its statements prepared, and drops it when an attempt fails.
    /// </summary>
    public Task<T> RunWithOwnConnectionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken ct) =>
        _pipeline.ExecuteCountingAsync(work, e => CountFailure(e, ct), ct);

    /// <summary>A connection outside the pipeline, for start-up work that holds a lock across several steps.</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = _dataSource.CreateConnection();
        await connection.OpenAsync(ct);
        await Dialect.PrepareAsync(connection, ct);
        return connection;
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    /// <summary>
    /// Counts a failed attempt (a retried one too) or a call the open circuit refused. Refusals by
    /// the rules, a unique index doing its job and the caller's own cancellation are no failure.
    /// </summary>
    private void CountFailure(Exception e, CancellationToken ct)
    {
        if (e is not ChatRuleException && !SqlDialect.IsUniqueViolation(e) && !(e is OperationCanceledException && ct.IsCancellationRequested))
        {
            _metrics.DependencyFailed(Dependencies.Database, e);
        }
    }

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
