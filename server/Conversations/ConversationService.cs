using Chat.Server.Customers;
using Chat.Server.Events;
using Chat.Server.Observability;
using Chat.Server.Routing;

namespace Chat.Server.Conversations;

/// <summary>
/// The one path for every visitor and agent write: validate, commit, acknowledge, publish.
/// Tenancy is checked here, so hub and console cannot forget it.
/// </summary>
public sealed class ConversationService(ConversationStore store, MessageWriter writer, Assignments assignments, IEventBus bus, ChatMetrics metrics, TimeProvider time)
{
    public const int PageSize = 500;

    /// <summary>The visitor's open conversation (<paramref name="latest"/>, as the caller just read it), or a new one routed at once.</summary>
    public async Task<ConversationRow> StartAsync(Customer customer, ConversationRow? latest, CancellationToken ct)
    {
        if (latest is not null && latest.Status != ConversationStatus.Resolved)
        {
            return latest;
        }

        var conversation = await store.CreateAsync(customer.SiteId, customer.Id, ct);
        return await assignments.RouteAsync(conversation, ct);
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
    public Task<MessageRow> PostAsync(ConversationRow conversation, Author author, string? clientId, string? text, CancellationToken ct) =>
        CommitAsync(conversation.Id, author, clientId, text, assignedAgentId: null, ct);

    /// <summary>
    /// An agent's reply. Whether the chat is still theirs is checked by the commit itself
    /// (<c>not_your_conversation</c> otherwise), so a reply reads nothing before it is written.
    /// </summary>
    public Task<MessageRow> ReplyAsync(string conversationId, Author agent, string? clientId, string? text, CancellationToken ct) =>
        CommitAsync(conversationId, agent, clientId, text, assignedAgentId: agent.Id, ct);

    private async Task<MessageRow> CommitAsync(string conversationId, Author author, string? clientId, string? text, string? assignedAgentId, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        using var span = ChatTracing.Post(conversationId, author.Kind);
        var validClientId = MessageRules.ValidateClientId(clientId);
        var validText = MessageRules.ValidateText(text);
        var appended = await writer.AppendAsync(conversationId, author, validClientId, validText, ct, assignedAgentId);
        if (!appended.Duplicate)
        {
            if (appended.FirstReply)
            {
                metrics.FirstReply(TimeSpan.FromMilliseconds(appended.Message.CreatedAt - appended.ConversationCreatedAt));
            }

            // Listeners hear of it through their own queues; the sender's answer waits for nothing but the commit.
            using var publishing = ChatTracing.Publish(conversationId);
            bus.Publish(new MessageAdded(appended.Message, appended.CustomerId!, appended.AgentId));
        }

        metrics.Acknowledged(author.Kind, time.GetElapsedTime(started));
        return appended.Message;
    }

    public Task<IReadOnlyList<MessageRow>> MessagesAfterAsync(ConversationRow conversation, long afterSeq, CancellationToken ct) =>
        store.MessagesAfterAsync(conversation.Id, Math.Max(0, afterSeq), PageSize, ct);

    public void Typing(ConversationRow conversation, Author author, string? text)
    {
        var preview = MessageRules.ValidatePreview(text);

        // Agents' drafts stay private: the visitor learns only that someone is typing.
        var shown = author.Kind == SenderKinds.Visitor ? preview : "";
        bus.Publish(new TypingChanged(conversation.Id, conversation.CustomerId, conversation.AgentId, author.Kind, author.Name, shown, preview.Length > 0));
    }

    public async Task ResolveAsync(string agentId, ConversationRow conversation, CancellationToken ct)
    {
        if (!await store.ResolveAsync(conversation.Id, agentId, ct))
        {
            throw new ChatRuleException("conversation_closed", "This conversation is already resolved.");
        }

        var resolved = (await store.FindAsync(conversation.Id, ct))!;
        bus.Publish(new ConversationChanged(resolved, ConversationChange.Resolved, null));
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
        bus.Publish(new ConversationChanged(rated, ConversationChange.Rated, null));

        return rated;
    }
}
