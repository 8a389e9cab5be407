using Chat.Server.Events;
using Microsoft.Extensions.Options;

namespace Chat.Server.NextActions;

/// <summary>
/// On every node: reminds an action's owner shortly before it is due, and reports it once it is
/// past due (to its owner, and to the site's consoles, whose admins list every overdue action).
/// Each reminder is claimed with a conditional update, so several nodes send it once.
/// </summary>
public sealed partial class NextActionReminders(NextActionStore actions, IEventBus bus, IOptions<ChatOptions> options, TimeProvider time, ILogger<NextActionReminders> logger)
    : BackgroundService
{
    /// <summary>How long before the due time the owner is reminded.</summary>
    public static readonly TimeSpan Lead = TimeSpan.FromMinutes(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.NextActions.CheckSeconds)), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RemindAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database is away; the next tick tries again, and nothing was claimed without being sent.
                LogTickFailed(e);
            }
        }
    }

    /// <summary>One pass: what is due soon, then what is past due.</summary>
    public async Task RemindAsync(CancellationToken ct)
    {
        var now = time.NowMs();
        foreach (var action in await actions.NotRemindedDueByAsync(now + (long)Lead.TotalMilliseconds, ct))
        {
            if (action.DueAt > now && await actions.MarkRemindedAsync(action.Id, now, ct))
            {
                bus.Publish(new NextActionDue(action, Overdue: false));
            }
        }

        foreach (var action in await actions.NewlyOverdueAsync(now, ct))
        {
            if (await actions.MarkOverdueAsync(action.Id, now, ct))
            {
                bus.Publish(new NextActionDue(action, Overdue: true));
                bus.Publish(new NextActionChanged(action.SiteId, action.ConversationId));
            }
        }
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Checking next actions for reminders failed; retrying on the next tick")]
    private partial void LogTickFailed(Exception e);
}
