using Chat.Server.Conversations;
using Chat.Server.Routing;
using Microsoft.Extensions.Options;

namespace Chat.Server.Agents;

/// <summary>
/// On every node: keeps the presence of this node's agents alive, and gives back the chats of
/// agents who have been offline longer than the grace period (their node died, or they closed
/// the console). Several nodes may notice the same absence; each chat still moves once.
/// </summary>
public sealed partial class PresenceKeeper(
    AgentPresence presence,
    IChatRouter router,
    ConversationStore conversations,
    AgentStore agents,
    Assignments assignments,
    IOptions<ChatOptions> options,
    TimeProvider time,
    ILogger<PresenceKeeper> logger) : BackgroundService
{
    private readonly Dictionary<string, long> _offlineSince = new(StringComparer.Ordinal);
    private string? _routingCopy;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var routing = options.Value.Routing;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, routing.HeartbeatSeconds)), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await presence.HeartbeatAsync(stoppingToken);
                await RebuildLinesIfLostAsync(stoppingToken);
                await ReturnChatsOfAbsentAgentsAsync(routing.OfflineGraceSeconds * 1000L, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Redis or the database is away; the next tick tries again.
                LogTickFailed(e);
            }
        }
    }

    /// <summary>
    /// After Redis lost its data or a replica took over, this node's agents register again (their
    /// load read from the database, as the new copy may have missed the last change), then waiting
    /// conversations go back in line in their order and free agents take them.
    /// </summary>
    private async Task RebuildLinesIfLostAsync(CancellationToken ct)
    {
        var copy = await router.ClaimRebuildAsync(ct);
        if (_routingCopy is not null && _routingCopy != copy.Id)
        {
            LogRoutingCopyChanged(_routingCopy, copy.Id);
            await presence.RegisterAgainAsync(ct);
        }

        _routingCopy = copy.Id;
        if (!copy.RebuildHere)
        {
            return;
        }

        var lines = await conversations.QueuedAsync(ct);
        foreach (var waiting in lines)
        {
            await router.EnqueueIfAbsentAsync(waiting.SiteId, waiting.Id, waiting.CreatedAt, ct);
        }

        // Free agents on every node take them, not only this node's: an agent who came online
        // elsewhere while the lines were empty would otherwise wait for the next visitor.
        foreach (var siteId in lines.Select(w => w.SiteId).Distinct())
        {
            foreach (var slot in await router.AgentsAsync(siteId, ct))
            {
                if (slot.Available)
                {
                    await assignments.DrainAsync(slot.AgentId, ct);
                }
            }
        }
    }

    private async Task ReturnChatsOfAbsentAgentsAsync(long graceMs, CancellationToken ct)
    {
        var now = time.NowMs();
        var withChats = await conversations.AgentsWithOpenChatsAsync(ct);
        foreach (var gone in _offlineSince.Keys.Except(withChats).ToList())
        {
            _offlineSince.Remove(gone);
        }

        foreach (var agentId in withChats)
        {
            if (await router.IsOnlineAsync(agentId, ct))
            {
                _offlineSince.Remove(agentId);
                continue;
            }

            var since = _offlineSince.TryGetValue(agentId, out var first) ? first : _offlineSince[agentId] = now;
            if (now - since >= graceMs)
            {
                var agent = await agents.FindAsync(agentId, ct);
                await assignments.ReturnChatsOfAbsentAgentAsync(agentId, agent?.Name ?? "Your agent", ct);
                _offlineSince.Remove(agentId);
            }
        }
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Presence upkeep failed; retrying on the next tick")]
    private partial void LogTickFailed(Exception e);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Redis's routing state is a new copy ({Before} to {After}): it restarted or a replica took over; agents register again and waiting chats go back in line")]
    private partial void LogRoutingCopyChanged(string before, string after);
}
