using System.Diagnostics.Metrics;
using Chat.Server.Storage;
using Dapper;

namespace Chat.Server.Observability;

/// <summary>
/// The <c>chat.queue.length</c> gauge: visitors waiting per site, by site key. A gauge is read
/// synchronously at each scrape, so the figures come from a sample of the database (the source of
/// truth, whatever the router) taken every few seconds, never from a query during the scrape.
/// Every node reports the same figures; take the maximum across nodes.
/// </summary>
public sealed partial class QueueLengths(IMeterFactory meters, Database database, TimeProvider time, ILogger<QueueLengths> logger) : BackgroundService
{
    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(5);

    private IReadOnlyList<SiteQueue> _latest = [];

    public override Task StartAsync(CancellationToken ct)
    {
        meters.Create(ChatMetrics.MeterName).CreateObservableGauge("chat.queue.length",
            () => _latest.Select(q => new Measurement<long>(q.Waiting, new KeyValuePair<string, object?>("chat.site", q.SiteKey))),
            "{conversation}", "Visitors waiting in each site's line (sampled every few seconds).");
        return base.StartAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SampleEvery, time);
        do
        {
            try
            {
                _latest = await SampleAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database is away; the gauge keeps the last figures and the next tick tries again.
                LogSampleFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private Task<IReadOnlyList<SiteQueue>> SampleAsync(CancellationToken ct) =>
        database.RunAsync<IReadOnlyList<SiteQueue>>(async (c, token) => (await c.QueryAsync<SiteQueue>(new CommandDefinition(
            """
            SELECT s.site_key AS SiteKey, COUNT(c.id) AS Waiting
            FROM sites s LEFT JOIN conversations c ON c.site_id = s.id AND c.status = 'queued'
            GROUP BY s.site_key;
            """, cancellationToken: token))).AsList(), ct);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Sampling the queue lengths failed; the gauge keeps the last figures")]
    private partial void LogSampleFailed(Exception e);

    /// <summary>Properties, not a positional record: COUNT is a 32-bit number on SQL Server and 64-bit elsewhere.</summary>
    private sealed class SiteQueue
    {
        public string SiteKey { get; init; } = "";

        public long Waiting { get; init; }
    }
}
