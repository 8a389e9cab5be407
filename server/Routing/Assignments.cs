using Chat.Server.Conversations;
using Chat.Server.Events;

namespace Chat.Server.Routing;

/// <summary>
/// Turns routing decisions into stored assignments and tells everyone concerned. The router
/// decides atomically; the database records; events follow the commit.
/// </summary>
public sealed partial class Assignments(IChatRouter router, ConversationStore store, IEventBus bus, TimeProvider time, ILogger<Assignments> logger)
{
    /// <summary>Routes a new conversation at once: to an agent with room, else into the line.</summary>
    public async Task RouteAsync(ConversationRow conversation, CancellationToken ct)
    {
        var agentId = await router.AssignOrEnqueueAsync(conversation.SiteId, conversation.Id, conversation.CreatedAt, ct);
        if (agentId is not null)
        {
            await CompleteAsync(conversation, agentId, ct);
            return;
        }

        await PublishQueueAsync(conversation.SiteId, ct);
    }

    /// <summary>An agent came online or freed a slot: hand them who waits.</summary>
    public async Task DrainAsync(string agentId, CancellationToken ct)
    {
        var handed = await router.DrainForAgentAsync(agentId, ct);
        var sites = new HashSet<string>(StringComparer.Ordinal);
        foreach (var conversationId in handed)
        {
            var conversation = await store.FindAsync(conversationId, ct);
            if (conversation is null)
            {
                await router.ReleaseAsync(agentId, ct);
                continue;
            }

            sites.Add(conversation.SiteId);
            await CompleteAsync(conversation, agentId, ct);
        }

        foreach (var siteId in sites)
        {
            await PublishQueueAsync(siteId, ct);
        }
    }

    /// <summary>An agent picks a waiting visitor from the line themselves.</summary>
    public async Task<bool> TakeAsync(string agentId, ConversationRow conversation, CancellationToken ct)
    {
        if (!await router.TryTakeAsync(agentId, conversation.SiteId, conversation.Id, ct))
        {
            return false;
        }

        await CompleteAsync(conversation, agentId, ct);
        await PublishQueueAsync(conversation.SiteId, ct);
        return true;
    }

    public async Task ReleaseAsync(string agentId, CancellationToken ct)
    {
        await router.ReleaseAsync(agentId, ct);
        await DrainAsync(agentId, ct);
    }

    /// <summary>
    /// The agent stayed offline past the grace period: each open chat goes back to the line (or
    /// straight to another free agent), and its visitor is told in the transcript.
    /// </summary>
    public async Task ReturnChatsOfAbsentAgentAsync(string agentId, string agentName, CancellationToken ct)
    {
        foreach (var conversation in await store.OpenForAgentAsync(agentId, ct))
        {
            if (!await store.ReturnToQueueAsync(conversation.Id, agentId, ct))
            {
                continue;
            }

            var (notice, _) = await store.AppendAsync(conversation.Id, new Author(SenderKinds.System, "", "Chat"), $"requeued-{conversation.Id}-{time.NowMs()}",
                $"{agentName} is no longer available. You are back in line and the next free agent will answer.", ct);
            await bus.PublishAsync(Channels.Visitor(conversation.CustomerId), new MessageAdded(notice, conversation.CustomerId, null), ct);
            var requeued = (await store.FindAsync(conversation.Id, ct))!;
            await bus.PublishAsync(Channels.Agent(agentId), new ConversationChanged(requeued, ConversationChange.Requeued, null), ct);
            LogRequeued(conversation.Id, agentId);
            await RouteAsync(requeued, ct);
        }
    }

    public Task<int?> PositionAsync(ConversationRow conversation, CancellationToken ct) =>
        conversation.Status == ConversationStatus.Queued
            ? router.PositionAsync(conversation.SiteId, conversation.Id, ct)
            : Task.FromResult<int?>(null);

    private async Task CompleteAsync(ConversationRow waiting, string agentId, CancellationToken ct)
    {
        var conversationId = waiting.Id;
        bool stored;
        try
        {
            stored = await store.AssignAsync(conversationId, agentId, ct);
        }
        catch (Exception)
        {
            // The database did not take it: give the slot back and the visitor their place.
            await router.ReturnAsync(agentId, waiting.SiteId, conversationId, waiting.CreatedAt, CancellationToken.None);
            throw;
        }

        if (!stored)
        {
            // Already assigned or resolved elsewhere: the agent's slot was never used.
            await router.ReleaseAsync(agentId, ct);
            return;
        }

        var conversation = (await store.FindAsync(conversationId, ct))!;
        LogAssigned(conversationId, agentId);
        var changed = new ConversationChanged(conversation, ConversationChange.Assigned, null);
        await bus.PublishAsync(Channels.Visitor(conversation.CustomerId), changed, ct);
        await bus.PublishAsync(Channels.Agent(agentId), changed, ct);
    }

    /// <summary>Everyone in line learns their new place; consoles reload the queue.</summary>
    private async Task PublishQueueAsync(string siteId, CancellationToken ct)
    {
        var queue = await router.QueueAsync(siteId, ct);
        var rows = await store.FindManyAsync(queue, ct);
        for (var i = 0; i < queue.Count; i++)
        {
            if (rows.TryGetValue(queue[i], out var waiting))
            {
                await bus.PublishAsync(Channels.Visitor(waiting.CustomerId), new ConversationChanged(waiting, ConversationChange.QueueMoved, i + 1), ct);
            }
        }

        await bus.PublishAsync(Channels.Site(siteId), new QueueChangedEvent(siteId), ct);
    }

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Conversation {ConversationId} returned to the line: agent {AgentId} stayed offline")]
    private partial void LogRequeued(string conversationId, string agentId);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Conversation {ConversationId} assigned to agent {AgentId}")]
    private partial void LogAssigned(string conversationId, string agentId);
}
