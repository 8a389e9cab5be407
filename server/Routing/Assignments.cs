using Chat.Server.Conversations;
using Chat.Server.Events;

namespace Chat.Server.Routing;

/// <summary>
/// Turns routing decisions into stored assignments and tells everyone concerned. The router
/// decides atomically; the database records; events follow the commit.
/// </summary>
public sealed partial class Assignments(IChatRouter router, ConversationStore store, MessageWriter writer, IEventBus bus, TimeProvider time, ILogger<Assignments> logger)
{
    /// <summary>Routes a new conversation at once: to an agent with room, else into the line. Returns it as it now is.</summary>
    public async Task<ConversationRow> RouteAsync(ConversationRow conversation, CancellationToken ct)
    {
        var agentId = await router.AssignOrEnqueueAsync(conversation.SiteId, conversation.Id, conversation.CreatedAt, ct);
        if (agentId is not null)
        {
            return await CompleteAsync(conversation, agentId, ct) ?? conversation;
        }

        await PublishQueueAsync(conversation.SiteId, ct);
        return conversation;
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

            var notice = (await writer.AppendAsync(conversation.Id, new Author(SenderKinds.System, "", "Chat"), $"requeued-{conversation.Id}-{time.NowMs()}",
                $"{agentName} is no longer available. You are back in line and the next free agent will answer.", ct)).Message;
            bus.Publish(new MessageAdded(notice, conversation.CustomerId, null));
            var requeued = (await store.FindAsync(conversation.Id, ct))!;
            bus.Publish(new ConversationChanged(requeued, ConversationChange.Requeued, null, FormerAgentId: agentId));
            LogRequeued(conversation.Id, agentId);
            await RouteAsync(requeued, ct);
        }
    }

    public Task<int?> PositionAsync(ConversationRow conversation, CancellationToken ct) =>
        conversation.Status == ConversationStatus.Queued
            ? router.PositionAsync(conversation.SiteId, conversation.Id, ct)
            : Task.FromResult<int?>(null);

    /// <summary>Records the router's choice; returns the assigned conversation, or null when it was no longer waiting.</summary>
    private async Task<ConversationRow?> CompleteAsync(ConversationRow waiting, string agentId, CancellationToken ct)
    {
        var conversationId = waiting.Id;
        ConversationRow? assigned;
        try
        {
            assigned = await store.AssignAsync(conversationId, agentId, ct);
        }
        catch (Exception)
        {
            // The database did not take it: give the slot back and the visitor their place.
            await router.ReturnAsync(agentId, waiting.SiteId, conversationId, waiting.CreatedAt, CancellationToken.None);
            throw;
        }

        if (assigned is null)
        {
            // Already assigned or resolved elsewhere: the agent's slot was never used.
            await router.ReleaseAsync(agentId, ct);
            return null;
        }

        LogAssigned(conversationId, agentId);
        bus.Publish(new ConversationChanged(assigned, ConversationChange.Assigned, null));
        return assigned;
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
                bus.Publish(new ConversationChanged(waiting, ConversationChange.QueueMoved, i + 1));
            }
        }

        bus.Publish(new QueueChangedEvent(siteId));
    }

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Conversation {ConversationId} returned to the line: agent {AgentId} stayed offline")]
    private partial void LogRequeued(string conversationId, string agentId);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Conversation {ConversationId} assigned to agent {AgentId}")]
    private partial void LogAssigned(string conversationId, string agentId);
}
