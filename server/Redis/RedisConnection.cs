using Chat.Server.Observability;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;
using StackExchange.Redis;

namespace Chat.Server.Redis;

/// <summary>
/// The node's one Redis connection and the resilience pipeline every Redis call runs in.
/// The multiplexer reconnects and re-subscribes on its own after Redis restarts; the pipeline
/// retries the calls made while it does.
/// </summary>
public sealed class RedisConnection : IAsyncDisposable
{
    private readonly Lazy<Task<ConnectionMultiplexer>> _multiplexer;
    private readonly ResiliencePipeline _pipeline;

    private readonly ChatMetrics _metrics;

    public RedisConnection(IOptions<ChatOptions> options, ChatMetrics metrics)
    {
        _metrics = metrics;
        var settings = options.Value;
        var configuration = ConfigurationOptions.Parse(settings.Redis!);
        // Keep trying in the background instead of failing the node when Redis is briefly away.
        configuration.AbortOnConnectFail = false;
        configuration.ConnectRetry = 5;
        configuration.ConnectTimeout = 3000;
        configuration.SyncTimeout = 3000;
        configuration.KeepAlive = 5;
        // Fail calls at once while Redis is away instead of queueing them past our pipeline's timeout;
        // the pipeline retries them with backoff.
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        _multiplexer = new Lazy<Task<ConnectionMultiplexer>>(() => ConnectionMultiplexer.ConnectAsync(configuration));
        KeyPrefix = settings.RedisKeyPrefix;
        _pipeline = BuildPipeline(settings.Database.Resilience);
    }

    /// <summary>Every key and channel starts with this, so several deployments can share one Redis.</summary>
    public string KeyPrefix { get; }

    public async Task<ConnectionMultiplexer> MultiplexerAsync() => await _multiplexer.Value;

    public async Task<T> RunAsync<T>(Func<IDatabase, Task<T>> work, CancellationToken ct)
    {
        var multiplexer = await MultiplexerAsync();
        return await _pipeline.ExecuteCountingAsync(_ => work(multiplexer.GetDatabase()), e => CountFailure(e, ct), ct);
    }

    public async Task RunAsync(Func<ISubscriber, Task> work, CancellationToken ct)
    {
        var multiplexer = await MultiplexerAsync();
        await _pipeline.ExecuteCountingAsync(async _ =>
        {
            await work(multiplexer.GetSubscriber());
            return true;
        }, e => CountFailure(e, ct), ct);
    }

    /// <summary>Counts a failed attempt (a retried one too) or a refused call; the caller's own cancellation is no failure.</summary>
    private void CountFailure(Exception e, CancellationToken ct)
    {
        if (!(e is OperationCanceledException && ct.IsCancellationRequested))
        {
            _metrics.DependencyFailed(Dependencies.Redis, e);
        }
    }

    private static ResiliencePipeline BuildPipeline(ResilienceOptions options) =>
        Resilience.Build(options, new PredicateBuilder()
            .Handle<RedisConnectionException>()
            .Handle<RedisTimeoutException>()
            .Handle<TimeoutException>()
            .Handle<TimeoutRejectedException>()
            // Redis answers LOADING while it reads its data back after a restart.
            .Handle<RedisServerException>(e => e.Message.StartsWith("LOADING", StringComparison.Ordinal)));

    public async ValueTask DisposeAsync()
    {
        if (_multiplexer.IsValueCreated)
        {
            (await _multiplexer.Value).Dispose();
        }
    }
}
