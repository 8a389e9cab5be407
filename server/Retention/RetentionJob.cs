using Chat.AgentConsole.Port;
using Chat.Server.Audit;
using Chat.Server.CustomerData;
using Microsoft.Extensions.Options;

namespace Chat.Server.Retention;

/// <summary>
/// On every node: erases resolved conversations that are older than their site's retention
/// period. Each conversation is claimed by the erasure's own conditional update, so with several
/// nodes each is erased, and audited, once.
/// </summary>
public sealed partial class RetentionJob(RetentionStore store, CustomerEraser eraser, AuditLog audit, IOptions<ChatOptions> options, TimeProvider time, ILogger<RetentionJob> logger)
    : BackgroundService
{
    /// <summary>Conversations looked at per pass; the next pass takes the rest.</summary>
    public const int Batch = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.Retention.CheckSeconds)), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await EraseExpiredAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database is away; the next tick tries again. An erasure is one transaction, never half done.
                LogPassFailed(e);
            }
        }
    }

    /// <summary>One pass; returns how many conversations this node erased.</summary>
    public async Task<int> EraseExpiredAsync(CancellationToken ct)
    {
        var erased = 0;
        foreach (var (id, siteId) in await store.ExpiredAsync(time.NowMs(), Batch, ct))
        {
            if (await eraser.EraseConversationAsync(id, ct))
            {
                erased++;
                await audit.RecordAsync(AuditActor.Server, AuditActions.ConversationsExpired, [siteId], "conversation", id, "Resolved longer than the site keeps conversations", ct);
            }
        }

        if (erased > 0)
        {
            LogErased(erased);
        }

        return erased;
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Erased {Count} resolved conversations past their site's retention period")]
    private partial void LogErased(int count);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Erasing conversations past retention failed; retrying on the next tick")]
    private partial void LogPassFailed(Exception e);
}
