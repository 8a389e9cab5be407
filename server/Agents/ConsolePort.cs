using Chat.AgentConsole.Port;
using Chat.Server.Agents.SignIn;
using Chat.Server.CannedReplies;
using Chat.Server.Coach;
using Chat.Server.Conversations;
using Chat.Server.Customers;
using Chat.Server.Events;
using Chat.Server.NextActions;
using Chat.Server.Observability;
using Chat.Server.Privacy;
using Chat.Server.Routing;
using Chat.Server.Sites;

namespace Chat.Server.Agents;

/// <summary>The server's side of the console's port: agents' reads and writes, with tenancy checked on each.</summary>
public sealed partial class ConsolePort(
    AgentStore agents,
    RecentAgents recentAgents,
    ConversationStore store,
    ConversationService conversations,
    CustomerStore customers,
    SiteStore sites,
    Assignments assignments,
    AgentPresence presence,
    IEventBus bus,
    Listeners listeners,
    SeenReceipts seen,
    FollowUps followUps,
    NoteStore notes,
    Handovers handovers,
    VisitorPages pages,
    CustomerTags tags,
    CannedReplyStore cannedReplies,
    SiteSettingsStore siteSettings,
    AgentAdminStore agentAccounts,
    IChatRouter router,
    PrivacyGuard privacy,
    Promises promises,
    NextActionStore nextActions,
    Complaints complaints,
    ConversationTags conversationTags,
    CoachCounts coachCounts,
    TimeProvider time,
    ChatMetrics metrics,
    AgentSignIn signIn,
    TwoFactor.TwoFactor twoFactor,
    Sessions.AgentSessions sessions,
    Audit.AccountAudit accountAudit,
    Mentions.MentionStore mentions,
    CustomAttributes.AttributeStore attributes,
    ILogger<ConsolePort> logger) : IConsolePort
{
    public async Task<AgentProfile?> SignInAsync(string email, string password, CancellationToken ct)
    {
        try
        {
            return await signIn.SignInAsync(email ?? "", password ?? "", null, ct);
        }
        catch (SignInRefusedException e)
        {
            throw new ConsoleActionException(e.Code, e.Message);
        }
        catch (SecondFactorRequiredException e)
        {
            throw new ConsoleActionException(TwoFactor.TwoFactor.RequiredCode, e.Message) { PendingSignIn = e.Pending };
        }
    }

    public async Task<AgentProfile?> CompleteSignInAsync(string pendingSignIn, string code, CancellationToken ct)
    {
        try
        {
            return await signIn.CompleteAsync(pendingSignIn ?? "", code ?? "", ct);
        }
        catch (SignInRefusedException e)
        {
            throw new ConsoleActionException(e.Code, e.Message);
        }
    }

    public async Task ChangePasswordAsync(string agentId, string currentPassword, string newPassword, CancellationToken ct)
    {
        var agent = await agents.FindAsync(agentId, ct) ?? throw new ConsoleActionException("not_signed_in", "Sign in first.");
        if (await agents.CheckCredentialsAsync(agent.Email, currentPassword ?? "", ct) is null)
        {
            throw new ConsoleActionException("password_wrong", "Your current password is not right.");
        }

        if ((newPassword ?? "").Length < MinPasswordLength)
        {
            throw new ConsoleActionException("password_too_short", $"A password needs at least {MinPasswordLength} characters.");
        }

        await agentAccounts.SetPasswordAsync(agent.Id, newPassword!, ct);
        // Whoever else holds a session of this agent is out; so is this one, which signs in again.
        await sessions.EndAllAsync(agent.Id, ct);
        await accountAudit.PasswordChangedAsync(agent.Id, ct);
    }

    private const int MinPasswordLength = 12;

    public async Task<bool> HasTwoFactorAsync(string agentId, CancellationToken ct) => await twoFactor.IsEnabledAsync(agentId, ct);

    public async Task<TwoFactorSetup> StartTwoFactorAsync(string agentId, CancellationToken ct)
    {
        var agent = await agents.FindAsync(agentId, ct) ?? throw new ConsoleActionException("not_signed_in", "Sign in first.");
        var (secret, svg) = await twoFactor.StartAsync(agent.Id, agent.Email, ct);
        return new TwoFactorSetup(secret, svg);
    }

    public async Task<IReadOnlyList<string>> ConfirmTwoFactorAsync(string agentId, string code, CancellationToken ct)
    {
        try
        {
            var recoveryCodes = await twoFactor.ConfirmAsync(agentId, code ?? "", ct);
            await accountAudit.TwoFactorEnabledAsync(agentId, ct);
            return recoveryCodes;
        }
        catch (ChatRuleException e)
        {
            throw new ConsoleActionException(e.Code, e.Message);
        }
    }

    public async Task<AgentProfile?> GetAgentAsync(string agentId, CancellationToken ct) =>
        ToProfile(await agents.FindAsync(agentId, ct));

    public async Task<IReadOnlyList<ChatSummary>> GetMyChatsAsync(string agentId, CancellationToken ct)
    {
        // One query for each kind of row, however many chats the agent has open.
        var open = await store.OpenForAgentAsync(agentId, ct);
        var activity = await store.ActivityAsync([.. open.Select(c => c.Id)], ct);
        var thresholds = await siteSettings.ThresholdsAsync([.. open.Select(c => c.SiteId).Distinct()], ct);
        var people = await customers.FindManyAsync([.. open.Select(c => c.CustomerId)], ct);
        return [.. open.Select(c => Summary(c, activity.GetValueOrDefault(c.Id), thresholds.GetValueOrDefault(c.SiteId), people.GetValueOrDefault(c.CustomerId)))];
    }

    public async Task<IReadOnlyList<QueuedChat>> GetQueueAsync(string agentId, CancellationToken ct)
    {
        var mySites = (await agents.SiteIdsAsync(agentId, ct)).ToHashSet(StringComparer.Ordinal);
        var thresholds = await siteSettings.ThresholdsAsync(mySites, ct);
        // Messages left while nobody was online follow the live line; ChatDetail.Status ("follow_up") tells them apart.
        var waiting = (await store.QueuedAsync(ct)).Concat(await store.FollowUpsAsync(ct)).Where(c => mySites.Contains(c.SiteId)).ToList();
        var people = await customers.FindManyAsync([.. waiting.Select(c => c.CustomerId)], ct);
        var siteNames = await sites.FindManyByIdAsync([.. waiting.Select(c => c.SiteId)], ct);
        return [.. waiting.Select(c => new QueuedChat(c.Id, people.GetValueOrDefault(c.CustomerId)?.Name ?? "Visitor", siteNames.GetValueOrDefault(c.SiteId)?.Name ?? "", Clock.FromMs(c.CreatedAt))
        {
            Thresholds = thresholds.GetValueOrDefault(c.SiteId) ?? WaitThresholds.Default,
        })];
    }

    public async Task<IReadOnlyList<ChatMessage>> GetMessagesAsync(string agentId, string conversationId, long afterSeq, CancellationToken ct)
    {
        var conversation = await VisibleToAgentAsync(agentId, conversationId, ct);
        var messages = await store.MessagesAfterAsync(conversation.Id, Math.Max(0, afterSeq), ConversationService.PageSize, ct);
        return [.. messages.Select(ToMessage)];
    }

    public async Task<ChatDetail> OpenChatAsync(string agentId, string conversationId, CancellationToken ct)
    {
        var conversation = await VisibleToAgentAsync(agentId, conversationId, ct);
        var customer = await customers.FindAsync(conversation.CustomerId, ct) ?? throw NotYours();
        var history = await store.ForCustomerAsync(customer.Id, ct);
        var allNotes = (await notes.ForConversationsAsync([.. history.Select(c => c.Id)], ct)).ToLookup(n => n.ConversationId);
        var earlier = history.Where(c => c.Id != conversation.Id).ToList();
        var earlierMessages = await store.MessagesOfManyAsync([.. earlier.Select(c => c.Id)], ConversationService.PageSize, ct);
        var past = earlier.Select(e => new PastConversation(e.Id, Clock.FromMs(e.CreatedAt), e.Status, (int?)e.Rating, [.. earlierMessages[e.Id].Select(ToMessage)])
        {
            Notes = [.. allNotes[e.Id].Select(ToNote)],
        }).ToList();

        var transcript = await store.MessagesAfterAsync(conversation.Id, 0, ConversationService.PageSize, ct);
        if (conversation.AgentId == agentId)
        {
            // The assigned agent has the transcript in front of them: the visitor sees their messages as seen.
            await seen.AgentSawAsync(conversation, ct);
        }

        var site = await sites.FindByIdAsync(conversation.SiteId, ct);
        var page = await pages.FindAsync(customer.Id, ct);
        var info = new CustomerInfo(customer.Id, customer.Name, customer.Email, Clock.FromMs(customer.FirstSeen), Clock.FromMs(customer.LastSeen), history.Count)
        {
            Page = page is null ? null : ToPage(page),
            Tags = await tags.ListAsync(customer.Id, ct),
            Attributes = [.. (await attributes.ForCustomerAsync(customer.Id, ct)).Select(a => new CustomerAttribute(a.Key, a.Value.ValueKind switch { System.Text.Json.JsonValueKind.True => "yes", System.Text.Json.JsonValueKind.False => "no", _ => a.Value.ToString() }))],
        };
        return new ChatDetail(
            conversation.Id,
            conversation.Status,
            info,
            [.. transcript.Select(ToMessage)],
            past,
            (int?)conversation.Rating,
            conversation.RatingComment)
        {
            SiteId = conversation.SiteId,
            SiteName = site?.Name ?? "",
            Notes = [.. allNotes[conversation.Id].Select(ToNote)],
            NextActions = [.. (await promises.ForConversationAsync(conversation.Id, ct)).Select(ToNextAction)],
            SiteTimeZone = (await siteSettings.FindAsync(conversation.SiteId, ct))?.TimeZone ?? "UTC",
            ConversationTags = await conversationTags.ListAsync(conversation.Id, ct),
            AssignedAgentId = conversation.AgentId,
        };
    }

    public Task<ChatMessage> SendAsync(string agentId, string conversationId, string clientId, string text, CancellationToken ct) =>
        Guard(async () =>
        {
            var agent = await recentAgents.FindAsync(agentId, ct) ?? throw NotYours();
            // The commit checks the chat is theirs, and marks it seen in the same write (see SqlDialect.BumpSequence).
            var message = await conversations.ReplyAsync(conversationId, new Author(SenderKinds.Agent, agent.Id, agent.Name), clientId, text, ct);
            return ToMessage(message);
        });

    public Task SetTypingAsync(string agentId, string conversationId, bool isTyping, CancellationToken ct) =>
        Guard(async () =>
        {
            var agent = await agents.FindAsync(agentId, ct) ?? throw NotYours();
            var conversation = await conversations.GetForAgentAsync(agentId, conversationId, ct);
            // Only the fact of typing crosses to the visitor, never the draft itself.
            await conversations.TypingAsync(conversation, new Author(SenderKinds.Agent, agent.Id, agent.Name), isTyping ? "…" : "", ct);
            if (isTyping)
            {
                await seen.AgentSawAsync(conversation, ct);
            }

            return true;
        });

    public Task ResolveAsync(string agentId, string conversationId, CancellationToken ct) =>
        Guard(async () =>
        {
            var conversation = await conversations.GetForAgentAsync(agentId, conversationId, ct);
            await conversations.ResolveAsync(agentId, conversation, ct);
            return true;
        });

    public Task TakeAsync(string agentId, string conversationId, CancellationToken ct) =>
        Guard(async () =>
        {
            var conversation = await VisibleToAgentAsync(agentId, conversationId, ct);
            var taken = conversation.Status switch
            {
                ConversationStatus.Queued => await assignments.TakeAsync(agentId, conversation, ct),
                ConversationStatus.FollowUp => await followUps.TakeAsync(agentId, conversation, ct),
                _ => false,
            };
            if (!taken)
            {
                throw new ChatRuleException("cannot_take", "This visitor is no longer waiting, or you have no room for another chat.");
            }

            return true;
        });

    public Task SetPresenceAsync(string agentId, Presence status, CancellationToken ct) =>
        presence.ChooseAsync(agentId, status == Presence.Online, ct);

    public async Task<Presence> ResumePresenceAsync(string agentId, CancellationToken ct) =>
        await presence.ResumeAsync(agentId, ct) ? Presence.Online : Presence.Away;

    /// <summary>
    /// One console tab or agent-hub connection: its own event queue over the agent's channel and
    /// their sites' queue channels, so a tab that stops reading holds up nobody else, and is told
    /// to resync (<see cref="ResyncNeeded"/>) when its queue overflows.
    /// </summary>
    public IDisposable Subscribe(string agentId, Func<ConsoleEvent, Task> onEvent)
    {
        var queue = listeners.Queue(
            $"console of agent {agentId}",
            (e, ct) => ForwardAsync(agentId, e, onEvent, ct),
            _ => onEvent(new ResyncNeeded()));
        var mine = bus.Subscribe(Channels.Agent(agentId), queue);
        var subscriptions = new List<IDisposable> { mine, queue };
        var ready = SubscribeToSitesAsync(agentId, queue, subscriptions, mine.Ready);
        presence.ConsoleOpened(agentId, ready);
        return new ConsoleSession(agentId, subscriptions, ready, presence, logger);
    }

    private async Task SubscribeToSitesAsync(string agentId, ListenerQueue queue, List<IDisposable> subscriptions, Task agentChannelReady)
    {
        var ready = new List<Task> { agentChannelReady };
        foreach (var siteId in await agents.SiteIdsAsync(agentId, CancellationToken.None))
        {
            var site = bus.Subscribe(Channels.Site(siteId), queue);
            lock (subscriptions)
            {
                subscriptions.Add(site);
            }

            ready.Add(site.Ready);
        }

        await Task.WhenAll(ready);
    }

    private async Task ForwardAsync(string agentId, ChatEvent chatEvent, Func<ConsoleEvent, Task> onEvent, CancellationToken ct)
    {
        using var span = chatEvent is MessageAdded added ? ChatTracing.Deliver(added.Message.ConversationId, SenderKinds.Agent) : null;
        ConsoleEvent? consoleEvent = chatEvent switch
        {
            QueueChangedEvent => new QueueChanged(),
            MessageAdded m => new MessagePosted(ToMessage(m.Message)),
            TypingChanged t when t.SenderKind == SenderKinds.Visitor => new VisitorTyping(t.ConversationId, t.IsTyping, t.Text),
            ConversationChanged { Change: ConversationChange.Assigned or ConversationChange.Reopened } c when c.Conversation.AgentId == agentId =>
                new ChatAssigned(await SummaryAsync(c.Conversation, ct)),
            ChatHandedOver h when h.Conversation.AgentId == agentId =>
                new ChatAssigned(await SummaryAsync(h.Conversation, ct), new Handover(h.FromAgentName, h.Note)),
            ChatHandedOver h when h.FromAgentId == agentId => new ChatTransferred(h.Conversation.Id, h.Conversation.AgentName ?? ""),
            // Named in a note on a chat that is not theirs: told so, and the chat joins their mentions.
            NoteAddedEvent n when n.Note.AuthorId != agentId && n.Mentioned?.Contains(agentId) == true =>
                new MentionedInNote(ToNote(n.Note), await MentionAsync(n, ct)),
            NoteAddedEvent n => new NoteAdded(ToNote(n.Note)),
            VisitorPageReported p => new CustomerPageChanged(p.CustomerId, ToPage(p.Page)),
            ConversationChanged { Change: ConversationChange.Resolved or ConversationChange.Requeued } c => new ChatClosed(c.Conversation.Id, c.Conversation.Status),
            ConversationChanged { Change: ConversationChange.Rated, Conversation.Rating: { } rating } c =>
                new ChatRated(c.Conversation.Id, (int)rating, c.Conversation.RatingComment),
            NextActionChanged n => new NextActionsChanged(n.ConversationId),
            NextActionDue d => new NextActionReminder(await ToNextActionAsync(d.Action, ct), d.Overdue),
            _ => null,
        };
        if (consoleEvent is not null)
        {
            await onEvent(consoleEvent);
        }
    }

    /// <summary>An agent sees conversations of the sites they belong to; anything else looks like it does not exist.</summary>
    private async Task<ConversationRow> VisibleToAgentAsync(string agentId, string conversationId, CancellationToken ct)
    {
        var conversation = string.IsNullOrEmpty(conversationId) ? null : await store.FindAsync(conversationId, ct);
        if (conversation is null || !(await agents.SiteIdsAsync(agentId, ct)).Contains(conversation.SiteId))
        {
            throw NotYours();
        }

        return conversation;
    }

    private async Task<ChatSummary> SummaryAsync(ConversationRow conversation, CancellationToken ct) =>
        Summary(
            conversation,
            (await store.ActivityAsync([conversation.Id], ct)).GetValueOrDefault(conversation.Id),
            (await siteSettings.ThresholdsAsync([conversation.SiteId], ct)).GetValueOrDefault(conversation.SiteId),
            await customers.FindAsync(conversation.CustomerId, ct));

    private static ChatSummary Summary(ConversationRow conversation, ChatActivity? activity, WaitThresholds? thresholds, Customer? customer) =>
        new(
            conversation.Id,
            customer?.Name ?? "Visitor",
            activity?.LastText is { } text ? Preview(text) : null,
            activity?.LastAt is { } lastAt ? Clock.FromMs(lastAt) : null,
            activity?.WaitingSince is { } since ? Clock.FromMs(since) : null,
            conversation.LastSeq)
        {
            Unread = (int)(activity?.Unread ?? 0),
            Thresholds = thresholds ?? WaitThresholds.Default,
        };

    private static string Preview(string text) => text.Length <= 120 ? text : string.Concat(text.AsSpan(0, 119), "…");

    private static ChatMessage ToMessage(MessageRow m) => new(
        m.ConversationId, m.ClientId, m.Seq,
        m.Sender switch { SenderKinds.Agent => SenderKind.Agent, SenderKinds.Visitor => SenderKind.Visitor, _ => SenderKind.System },
        m.SenderName, m.Text, Clock.FromMs(m.CreatedAt))
    {
        Masked = m.Sender != SenderKinds.System && PrivateDataMask.WasMasked(m.Text),
    };

    private static AgentProfile? ToProfile(Agent? agent) =>
        agent is null ? null : new AgentProfile(agent.Id, agent.Name, agent.Email, agent.Role, (int)agent.Capacity) { AvatarUrl = agent.AvatarUrl };

    private static ConsoleActionException NotYours()
    {
        var e = MessageRules.NotYours();
        return new ConsoleActionException(e.Code, e.Message);
    }

    /// <summary>Rule refusals reach the console in its own exception type, counted once here.</summary>
    private async Task<T> Guard<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (ChatRuleException e)
        {
            metrics.Refused(e.Code);
            throw new ConsoleActionException(e.Code, e.Message);
        }
        catch (Exception e) when (InfrastructureErrors.IsInfrastructure(e))
        {
            metrics.Refused(InfrastructureErrors.Code);
            throw new ConsoleActionException(InfrastructureErrors.Code, InfrastructureErrors.Sentence);
        }
    }

    /// <summary>One open console tab: its listeners, and the agent's presence while it lives.</summary>
    private sealed class ConsoleSession(string agentId, List<IDisposable> subscriptions, Task ready, AgentPresence presence, ILogger logger) : IDisposable
    {
        public void Dispose()
        {
            lock (subscriptions)
            {
                subscriptions.ForEach(s => s.Dispose());
                subscriptions.Clear();
            }

            _ = CloseAsync();
        }

        private async Task CloseAsync()
        {
            try
            {
                await ready;
                await presence.ConsoleClosedAsync(agentId, CancellationToken.None);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Closing the console session of agent {AgentId} failed", agentId);
            }
        }
    }
}
