using Chat.Server.Conversations;
using Chat.Server.Events;
using Chat.Server.NextActions;
using Chat.Server.Privacy;

namespace Chat.Server.Routing;

/// <summary>
/// Chats that change hands outside the queue: an agent transfers one to a colleague, or opens a
/// resolved one again. The database decides which of two racing requests wins; the router
/// keeps every agent within capacity; the visitor is told in the transcript.
/// </summary>
public sealed partial class Handovers(
    IChatRouter router,
    HandoverStore handovers,
    ConversationStore store,
    ConversationService conversations,
    NoteStore notes,
    Assignments assignments,
    IEventBus bus,
    PrivacyGuard privacy,
    Promises promises,
    ILogger<Handovers> logger)
{
    /// <summary>Moves the agent's open chat to a colleague who is online with room, with a note for them.</summary>
    public async Task TransferAsync(ConversationRow conversation, Author from, Author to, IReadOnlyCollection<string> toSiteIds, string? note, CancellationToken ct)
    {
        var validNote = await privacy.MaskAsync(conversation.SiteId, NoteRules.ValidateTransferNote(note), ct);
        if (conversation.Status != ConversationStatus.Open)
        {
            throw new ChatRuleException("conversation_closed", "Only an open chat can be transferred.");
        }

        if (to.Id == from.Id)
        {
            throw new ChatRuleException("agent_unavailable", "This chat is already yours.");
        }

        if (!toSiteIds.Contains(conversation.SiteId))
        {
            throw Unavailable(to.Name);
        }

        // The database first: of a transfer and a resolve (or two transfers) racing, only one
        // conditional update succeeds. The router then moves the load in one step, and if the
        // colleague has no room after all, the conversation goes back before anyone was told.
        if (!await handovers.MoveAsync(conversation.Id, from.Id, to.Id, ct))
        {
            throw new ChatRuleException("conversation_closed", "This chat is no longer open with you.");
        }

        if (!await router.TryHandOverAsync(conversation.SiteId, to.Id, from.Id, ct))
        {
            await handovers.MoveAsync(conversation.Id, to.Id, from.Id, CancellationToken.None);
            throw Unavailable(to.Name);
        }

        LogTransferred(conversation.Id, from.Id, to.Id);
        var moved = (await store.FindAsync(conversation.Id, ct))!;
        await notes.AddAsync(moved.Id, $"transfer-{Ids.New()}", NoteKinds.Transfer, from, to.Name, validNote, ct);
        await conversations.PostAsync(moved, new Author(SenderKinds.System, to.Id, to.Name), $"system-{Ids.New()}", $"{to.Name} took over the chat", ct);
        await promises.MoveWithChatAsync(moved, from, to, ct);

        var handedOver = new ChatHandedOver((await store.FindAsync(moved.Id, ct))!, from.Id, from.Name, validNote);
        bus.Publish(new ConversationChanged(handedOver.Conversation, ConversationChange.Transferred, null));
        bus.Publish(handedOver);

        // The slot the chat left is free: whoever waits goes to the agent who handed over.
        await assignments.DrainAsync(from.Id, ct);
    }

    /// <summary>Opens the agent's resolved chat again, when it is still the customer's latest and the agent has room.</summary>
    public async Task ReopenAsync(ConversationRow conversation, Author agent, CancellationToken ct)
    {
        if (conversation.Status != ConversationStatus.Resolved)
        {
            throw new ChatRuleException("conversation_open", "This chat is still open.");
        }

        // The router first here: a reservation undone by a release is exact, and nobody can see
        // the conversation reopened before the agent's slot is secured.
        if (!await router.TryHandOverAsync(conversation.SiteId, agent.Id, null, ct))
        {
            throw new ChatRuleException("no_room", "You have no room for another chat, or you are away.");
        }

        if (!await handovers.ReopenAsync(conversation.Id, agent.Id, ct))
        {
            await router.ReleaseAsync(agent.Id, CancellationToken.None);
            throw new ChatRuleException("reopen_not_latest", "The customer has started a newer chat since; answer them there.");
        }

        var reopened = (await store.FindAsync(conversation.Id, ct))!;
        await conversations.PostAsync(reopened, new Author(SenderKinds.System, agent.Id, agent.Name), $"system-{Ids.New()}", $"{agent.Name} reopened the chat", ct);
        bus.Publish(new ConversationChanged((await store.FindAsync(conversation.Id, ct))!, ConversationChange.Reopened, null));
    }

    private static ChatRuleException Unavailable(string name) =>
        new("agent_unavailable", $"{name} is not online or has no room for another chat.");

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Conversation {ConversationId} transferred from agent {FromAgentId} to agent {ToAgentId}")]
    private partial void LogTransferred(string conversationId, string fromAgentId, string toAgentId);
}
