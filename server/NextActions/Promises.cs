using Chat.Server.Agents;
using Chat.Server.Conversations;
using Chat.Server.Events;
using Chat.Server.Privacy;

namespace Chat.Server.NextActions;

/// <summary>
/// Promises with deadlines. An agent sets what will be done, who owns it and by when; the visitor
/// sees it with their conversation; the owner is reminded (<see cref="NextActionReminders"/>);
/// closing it says what was done and tells the visitor it was kept. An action belongs to the
/// conversation, not to the chat's state: it outlives a resolve and moves with a transfer.
/// </summary>
public sealed class Promises(NextActionStore actions, ConversationStore conversations, AgentStore agents, NoteStore notes, PrivacyGuard privacy, IEventBus bus, TimeProvider time)
{
    /// <param name="kind">A promise, or the email an agent said they will send when they took the chat to email.</param>
    public async Task<NextActionRow> SetAsync(
        ConversationRow conversation, Author by, string? clientId, string? what, string? ownerId, DateTimeOffset due, CancellationToken ct, string kind = NextActionKinds.Promise)
    {
        var validClientId = MessageRules.ValidateClientId(clientId);
        var validWhat = await privacy.MaskAsync(conversation.SiteId, NextActionRules.ValidateWhat(what), ct);
        var now = time.NowMs();
        var dueAt = NextActionRules.ValidateDue(due, now);
        var owner = string.IsNullOrEmpty(ownerId) ? null : await agents.FindAsync(ownerId, ct);
        if (owner is null || !(await agents.SiteIdsAsync(owner.Id, ct)).Contains(conversation.SiteId))
        {
            throw new ChatRuleException("action_owner_invalid", "The owner must be an agent of this chat's site.");
        }

        var (action, duplicate) = await actions.AddAsync(new NextActionRow
        {
            Id = Ids.New(),
            ConversationId = conversation.Id,
            SiteId = conversation.SiteId,
            ClientId = validClientId,
            Kind = kind,
            What = validWhat,
            OwnerId = owner.Id,
            OwnerName = owner.Name,
            DueAt = dueAt,
            CreatedBy = by.Id,
            CreatedAt = now,
        }, ct);
        if (!duplicate)
        {
            await PublishAsync(conversation.Id, ct);
        }

        return action;
    }

    /// <summary>
    /// Opens the conversation's one complaint action, owned by <paramref name="owner"/>; when the
    /// conversation has one already (a low rating and a complaint tag both), returns that one.
    /// </summary>
    public async Task<NextActionRow> OpenComplaintAsync(ConversationRow conversation, Author owner, string what, TimeSpan within, CancellationToken ct)
    {
        var now = time.NowMs();
        var (action, duplicate) = await actions.AddAsync(new NextActionRow
        {
            Id = Ids.New(),
            ConversationId = conversation.Id,
            SiteId = conversation.SiteId,
            ClientId = NextActionKinds.Complaint,
            Kind = NextActionKinds.Complaint,
            What = what,
            OwnerId = owner.Id,
            OwnerName = owner.Name,
            DueAt = now + (long)within.TotalMilliseconds,
            CreatedBy = owner.Id,
            CreatedAt = now,
        }, ct);
        if (!duplicate)
        {
            await PublishAsync(conversation.Id, ct);
        }

        return action;
    }

    /// <summary>Marks the action kept with what was done; closing a kept action again returns it unchanged.</summary>
    public async Task<NextActionRow> CloseAsync(NextActionRow action, string? outcome, CancellationToken ct)
    {
        var validOutcome = await privacy.MaskAsync(action.SiteId, NextActionRules.ValidateOutcome(outcome), ct);
        if (await actions.CloseAsync(action.Id, validOutcome, time.NowMs(), ct))
        {
            await PublishAsync(action.ConversationId, ct);
        }

        return (await actions.FindAsync(action.Id, ct))!;
    }

    /// <summary>
    /// A transfer hands the former agent's open actions on this chat to the new agent, with a
    /// note saying so, so nothing promised is left with someone who no longer has the chat.
    /// </summary>
    public async Task MoveWithChatAsync(ConversationRow conversation, Author from, Author to, CancellationToken ct)
    {
        var moved = await actions.MoveOpenAsync(conversation.Id, from.Id, to.Id, to.Name, ct);
        if (moved.Count == 0)
        {
            return;
        }

        var list = string.Join("; ", moved.Select(a => $"{a.What} (due {DateTimeOffset.FromUnixTimeMilliseconds(a.DueAt):yyyy-MM-dd HH:mm} UTC)"));
        var (note, _) = await notes.AddAsync(conversation.Id, $"actions-{Ids.New()}", NoteKinds.Note, from, null,
            $"Next actions handed over to {to.Name} with the chat: {list}", ct);
        bus.Publish(new NoteAddedEvent(note, to.Id));
        await PublishAsync(conversation.Id, ct);
    }

    public Task<IReadOnlyList<NextActionRow>> ForConversationAsync(string conversationId, CancellationToken ct) =>
        actions.ForConversationAsync(conversationId, ct);

    /// <summary>Tells the visitor's widget (with the conversation) and every console of the site (their Due lists).</summary>
    private async Task PublishAsync(string conversationId, CancellationToken ct)
    {
        var conversation = (await conversations.FindAsync(conversationId, ct))!;
        bus.Publish(new ConversationChanged(conversation, ConversationChange.NextActions, null));
        bus.Publish(new NextActionChanged(conversation.SiteId, conversation.Id));
    }
}
