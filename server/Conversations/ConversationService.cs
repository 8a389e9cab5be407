using Chat.Server.Customers;
using Chat.Server.Events;
using Chat.Server.NextActions;
using Chat.Server.Observability;
using Chat.Server.Privacy;
using Chat.Server.Routing;

namespace Chat.Server.Conversations;

/// <summary>
/// The one path for every visitor and agent write: validate, commit, acknowledge, publish.
/// Tenancy is checked here, so hub and console cannot forget it.
/// </summary>
public sealed class ConversationService(
    ConversationStore store, MessageWriter writer, Assignments assignments, IEventBus bus, PrivacyGuard privacy, Complaints complaints, ChatMetrics metrics, TimeProvider time)
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
        CommitAsync(conversation.Id, conversation.SiteId, author, clientId, text, assignedAgentId: null, ct);

    /// <summary>
    /// An agent's reply. Whether the chat is still theirs is checked by the commit itself
    /// (<c>not_your_conversation</c> otherwise), so a reply reads nothing before it is written.
    /// </summary>
    public Task<MessageRow> ReplyAsync(string conversationId, Author agent, string? clientId, string? text, CancellationToken ct) =>
        CommitAsync(conversationId, siteId: null, agent, clientId, text, assignedAgentId: agent.Id, ct);

    /// <param name="siteId">The conversation's site when the caller has it; else read only if the text needs masking.</param>
    private async Task<MessageRow> CommitAsync(string conversationId, string? siteId, Author author, string? clientId, string? text, string? assignedAgentId, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        using var span = ChatTracing.Post(conversationId, author.Kind);
        var validClientId = MessageRules.ValidateClientId(clientId);
        var validText = MessageRules.ValidateText(text);
        if (PrivateDataMask.Contains(validText))
        {
            // Masked here, before the writer sees it: the database, every listener and every log get
            // the masked text. Only text holding a card number or IBAN costs a look at the site's
            // setting, so an ordinary reply still reads nothing before its commit.
            siteId ??= (await store.FindAsync(conversationId, ct))?.SiteId;
            validText = siteId is null ? PrivateDataMask.Mask(validText) : await privacy.MaskAsync(siteId, validText, ct);
        }

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

    public async Task TypingAsync(ConversationRow conversation, Author author, string? text, CancellationToken ct)
    {
        var typed = MessageRules.ValidatePreview(text);

        // Agents' drafts stay private: the visitor learns only that someone is typing. The visitor's
        // own preview goes to the agent only where the site shows it (and the widget says so), masked.
        var shown = author.Kind == SenderKinds.Visitor ? await privacy.VisitorPreviewAsync(conversation.SiteId, typed, ct) : "";
        bus.Publish(new TypingChanged(conversation.Id, conversation.CustomerId, conversation.AgentId, author.Kind, author.Name, shown, typed.Length > 0));
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
        validComment = await privacy.MaskOptionalAsync(conversation.SiteId, validComment, ct);
        if (!await store.RateAsync(conversation.Id, validRating, validComment, ct))
        {
            throw new ChatRuleException("rating_invalid", "A chat can be rated once it is resolved.");
        }

        var rated = (await store.FindAsync(conversation.Id, ct))!;
        bus.Publish(new ConversationChanged(rated, ConversationChange.Rated, null));
        if (Complaints.IsLow(rated.Rating))
        {
            // A low rating is a second chance: someone owns turning it round, by the site's deadline.
            await complaints.OpenAsync(rated, ct);
        }

        return rated;
    }
}
