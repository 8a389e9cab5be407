using Chat.Server.Customers;
using Chat.Server.Events;
using Chat.Server.Routing;

namespace Chat.Server.Conversations;

/// <summary>
/// Messages left while nobody could chat. Each lands in the visitor's conversation still waiting,
/// or starts a <see cref="ConversationStatus.FollowUp"/> conversation that consoles list in their
/// queue until an agent follows up.
/// </summary>
public sealed class FollowUps(ConversationStore store, FollowUpStore followUps, ConversationService conversations, IChatRouter router, IEventBus bus)
{
    /// <summary>Whether leaving a message now would start a conversation (and so counts against the per-IP limit).</summary>
    public async Task<bool> WouldStartConversationAsync(Customer? customer, CancellationToken ct)
    {
        if (customer is null)
        {
            return true;
        }

        var latest = await store.LatestForCustomerAsync(customer.Id, ct);
        return latest is null || latest.Status == ConversationStatus.Resolved;
    }

    /// <summary>Stores the message once committed; a retried client id returns the first result.</summary>
    public async Task<(ConversationRow Conversation, MessageRow Message)> LeaveMessageAsync(Customer customer, string clientId, string text, CancellationToken ct)
    {
        var latest = await store.LatestForCustomerAsync(customer.Id, ct);
        var started = latest is null || latest.Status == ConversationStatus.Resolved;
        var conversation = started ? await followUps.CreateAsync(customer.SiteId, customer.Id, ct) : latest!;
        var message = await conversations.PostAsync(conversation, new Author(SenderKinds.Visitor, customer.Id, customer.Name), clientId, text, ct);
        if (started)
        {
            // Consoles reload their queue, where follow-ups are listed after the visitors waiting live.
            bus.Publish(new QueueChangedEvent(customer.SiteId));
        }

        return (conversation, message);
    }

    /// <summary>
    /// An agent takes a follow-up: it becomes their open chat and counts against their capacity
    /// like any other, so resolving it frees the slot it used. False when they have no room or
    /// someone else took it first.
    /// </summary>
    public async Task<bool> TakeAsync(string agentId, ConversationRow conversation, CancellationToken ct)
    {
        if (!await router.TryTakeOutsideLineAsync(agentId, conversation.SiteId, ct))
        {
            return false;
        }

        bool stored;
        try
        {
            stored = await followUps.AssignAsync(conversation.Id, agentId, ct);
        }
        catch (Exception)
        {
            await router.ReleaseAsync(agentId, CancellationToken.None);
            throw;
        }

        if (!stored)
        {
            await router.ReleaseAsync(agentId, ct);
            return false;
        }

        var taken = (await store.FindAsync(conversation.Id, ct))!;
        bus.Publish(new ConversationChanged(taken, ConversationChange.Assigned, null));
        bus.Publish(new QueueChangedEvent(taken.SiteId));
        return true;
    }
}
