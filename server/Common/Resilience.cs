using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace Chat.Server;

/// <summary>
/// The one shape of pipeline every outside call runs in, database or Redis: retries with
/// jittered exponential backoff for transient faults, a circuit breaker that fails fast while
/// the dependency is down, and a timeout per attempt. Only what counts as transient differs.
/// </summary>
public static class Resilience
{
    public static ResiliencePipeline Build(ResilienceOptions options, PredicateBuilder<object> transient) =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = transient,
                MaxRetryAttempts = options.RetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(options.RetryBaseDelayMs),
                MaxDelay = TimeSpan.FromSeconds(2),
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = transient,
                FailureRatio = 0.8,
                MinimumThroughput = 20,
                SamplingDuration = TimeSpan.FromSeconds(10),
                BreakDuration = TimeSpan.FromSeconds(options.BreakSeconds),
            })
            .AddTimeout(TimeSpan.FromSeconds(options.AttemptTimeoutSeconds))
            .Build();

    /// <summary>
    /// Runs <paramref name="attempt"/> in the pipeline and tells <paramref name="failed"/> about each
    /// attempt that threw (retried or not) and each call the open circuit refused without trying,
    /// for the failure counts operators watch. The exceptions go on unchanged.
    /// </summary>
    public static async Task<T> ExecuteCountingAsync<T>(this ResiliencePipeline pipeline, Func<CancellationToken, Task<T>> attempt, Action<Exception> failed, CancellationToken ct)
    {
        try
        {
            return await pipeline.ExecuteAsync(async token =>
            {
                try
                {
                    return await attempt(token);
                }
                catch (Exception e)
                {
                    failed(e);
                    throw;
                }
            }, ct);
        }
        catch (BrokenCircuitException e)
        {
            failed(e);
            throw;
        }
    }
}
