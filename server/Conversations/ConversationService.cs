using Chat.Server.Customers;
using Chat.Server.Events;
using Chat.Server.Observability;
using Chat.Server.Routing;

namespace Chat.Server.Conversations;

/// <summary>
/// The one path for every visitor and agent write: validate, commit, acknowledge, publish.
/// Tenancy is checked here, so hub and console cannot forget it.
/// </summary>
public sealed class ConversationService(ConversationStore store, Assignments assignments, IEventBus bus, ChatMetrics metrics, TimeProvider time)
{
    public const int PageSize = 500;

    /// <summary>The visitor's open conversation, or a new one routed at once.</summary>
    public async Task<ConversationRow> StartAsync(Customer customer, CancellationToken ct)
    {
        var latest = await store.LatestForCustomerAsync(customer.Id, ct);
        if (latest is not null && latest.Status != ConversationStatus.Resolved)
        {
            return latest;
        }

        var conversation = await store.CreateAsync(customer.SiteId, customer.Id, ct);
        await assignments.RouteAsync(conversation, ct);
        return (await store.FindAsync(conversation.Id, ct))!;
    }

    public async Task<ConversationRow> GetForCustomerAsync(Customer customer, string? conversationId, CancellationToken ct)
    {
        var conversation = string.IsNullOrEmpty(conversationId) ? null : await store.FindAsync(conversationId, ct);
        return conversation is not null && conversation.CustomerId == customer.Id ? conversation : throw MessageRules.NotYours();
    }

    public async Task<ConversationRow> GetForAgentAsync(string agentId, string? conversationId, CancellationToken ct)
    {
        var conversation = string.IsNullOrEmpty(conversationId) ? null : await store.FindAsync(conversationId, ct);
        return conversation is not null && conversation.AgentId == agentId ? conversation : throw MessageRules.NotYours();
    }

    /// <summary>Stores a message and returns it once committed; a retried client id returns the first result.</summary>
    public async Task<MessageRow> PostAsync(ConversationRow conversation, Author author, string? clientId, string? text, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        using var span = ChatTracing.Post(conversation.Id, author.Kind);
        var validClientId = MessageRules.ValidateClientId(clientId);
        var validText = MessageRules.ValidateText(text);
        var (message, duplicate) = await store.AppendAsync(conversation.Id, author, validClientId, validText, ct);
        if (!duplicate)
        {
            // Read before this reply; two first replies at the same moment may both count, which a histogram shrugs off.
            if (author.Kind == SenderKinds.Agent && conversation.FirstResponseAt is null)
            {
                metrics.FirstReply(TimeSpan.FromMilliseconds(message.CreatedAt - conversation.CreatedAt));
            }

            // The sender has its acknowledgement from the commit; a lost event is repaired by resync.
            using var publishing = ChatTracing.Publish(conversation.Id);
            var added = new MessageAdded(message, conversation.CustomerId, conversation.AgentId);
            await bus.PublishAsync(Channels.Visitor(conversation.CustomerId), added, ct);
            if (conversation.AgentId is not null)
            {
                await bus.PublishAsync(Channels.Agent(conversation.AgentId), added, ct);
            }
        }

        metrics.Acknowledged(author.Kind, time.GetElapsedTime(started));
        return message;
    }

    public Task<IReadOnlyList<MessageRow>> MessagesAfterAsync(ConversationRow conversation, long afterSeq, CancellationToken ct) =>
        store.MessagesAfterAsync(conversation.Id, Math.Max(0, afterSeq), PageSize, ct);

    public async Task TypingAsync(ConversationRow conversation, Author author, string? text, CancellationToken ct)
    {
        var preview = MessageRules.ValidatePreview(text);

        if (author.Kind == SenderKinds.Visitor)
        {
            if (conversation.AgentId is not null)
            {
                await bus.PublishAsync(Channels.Agent(conversation.AgentId),
                    new TypingChanged(conversation.Id, author.Kind, author.Name, preview, preview.Length > 0), ct);
            }
        }
        else
        {
            // Agents' drafts stay private: the visitor learns only that someone is typing.
            await bus.PublishAsync(Channels.Visitor(conversation.CustomerId),
                new TypingChanged(conversation.Id, author.Kind, author.Name, "", preview.Length > 0), ct);
        }
    }

    public async Task ResolveAsync(string agentId, ConversationRow conversation, CancellationToken ct)
    {
        if (!await store.ResolveAsync(conversation.Id, agentId, ct))
        {
            throw new ChatRuleException("conversation_closed", "This conversation is already resolved.");
        }

        var resolved = (await store.FindAsync(conversation.Id, ct))!;
        var changed = new ConversationChanged(resolved, ConversationChange.Resolved, null);
        await bus.PublishAsync(Channels.Visitor(resolved.CustomerId), changed, ct);
        await bus.PublishAsync(Channels.Agent(agentId), changed, ct);
        await assignments.ReleaseAsync(agentId, ct);
    }

    public async Task<ConversationRow> RateAsync(ConversationRow conversation, int rating, string? comment, CancellationToken ct)
    {
        var (validRating, validComment) = MessageRules.ValidateRating(rating, comment);
        if (!await store.RateAsync(conversation.Id, validRating, validComment, ct))
        {
            throw new ChatRuleException("rating_invalid", "A chat can be rated once it is resolved.");
        }

        var rated = (await store.FindAsync(conversation.Id, ct))!;
        var changed = new ConversationChanged(rated, ConversationChange.Rated, null);
        await bus.PublishAsync(Channels.Visitor(rated.CustomerId), changed, ct);
        if (rated.AgentId is not null)
        {
            await bus.PublishAsync(Channels.Agent(rated.AgentId), changed, ct);
        }

        return rated;
    }
}
