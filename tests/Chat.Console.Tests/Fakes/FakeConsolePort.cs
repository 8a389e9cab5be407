namespace Chat.AgentConsole.Tests.Fakes;

/// <summary>
/// An in-memory port: tests arrange chats and transcripts, read back what the console asked
/// for, and push live events as the server would.
/// </summary>
public sealed class FakeConsolePort : IConsolePort
{
    private readonly List<Func<ConsoleEvent, Task>> subscribers = [];

    public AgentProfile Agent { get; set; } = new("agent-1", "Alice Agent", "alice@example.test", "agent", 3);
    public List<ChatSummary> MyChats { get; } = [];
    public List<QueuedChat> Queue { get; } = [];
    public Dictionary<string, ChatDetail> Details { get; } = new(StringComparer.Ordinal);

    /// <summary>When set, the next SendAsync throws it instead of storing the reply.</summary>
    public Exception? SendFailure { get; set; }

    /// <summary>When set, TakeAsync throws it, as when another agent was quicker.</summary>
    public Exception? TakeFailure { get; set; }

    /// <summary>When set, TransferAsync throws it, as when the colleague has no room.</summary>
    public Exception? TransferFailure { get; set; }

    /// <summary>Every call to SendAsync, failed ones included.</summary>
    public List<(string ConversationId, string ClientId, string Text)> SendAttempts { get; } = [];

    /// <summary>Replies the fake stored.</summary>
    public List<(string ConversationId, string ClientId, string Text)> Sent { get; } = [];
    public List<(string ConversationId, bool IsTyping)> Typing { get; } = [];
    public List<string> Resolved { get; } = [];
    public List<string> Taken { get; } = [];
    public List<Presence> PresenceChanges { get; } = [];

    /// <summary>The presence the agent chose last, which a console takes back when it opens.</summary>
    public Presence ChosenPresence { get; set; } = Presence.Online;

    /// <summary>How often a console took back the chosen presence.</summary>
    public int PresenceResumes { get; private set; }
    public List<(string ConversationId, string ClientId, string Text)> Notes { get; } = [];
    public List<(string ConversationId, long Seq)> ReadMarks { get; } = [];
    public List<(string ConversationId, string ToAgentId, string Note)> Transfers { get; } = [];
    public List<string> Reopened { get; } = [];
    public List<Colleague> Colleagues { get; } = [];
    public List<CannedReply> CannedReplies { get; } = [];
    public Dictionary<string, List<string>> Tags { get; } = new(StringComparer.Ordinal);
    public List<NextAction> DueList { get; } = [];
    public List<(string ConversationId, NextActionDraft Draft)> NextActionsSet { get; } = [];
    public List<(string ActionId, string Outcome)> NextActionsClosed { get; } = [];
    public int QueueLoads { get; private set; }
    public int ActiveSubscriptions => subscribers.Count;

    public Task<AgentProfile?> SignInAsync(string email, string password, CancellationToken ct) =>
        Task.FromResult<AgentProfile?>(email == Agent.Email && password == "secret" ? Agent : null);

    public bool TwoFactorEnabled { get; set; }

    public Task ChangePasswordAsync(string agentId, string currentPassword, string newPassword, CancellationToken ct) =>
        currentPassword == "secret" ? Task.CompletedTask : throw new ConsoleActionException("password_wrong", "Your current password is not right.");

    public Task<AgentProfile?> CompleteSignInAsync(string pendingSignIn, string code, CancellationToken ct) =>
        Task.FromResult<AgentProfile?>(pendingSignIn == "pending-" + Agent.Id && code == "123456" ? Agent : null);

    public Task<bool> HasTwoFactorAsync(string agentId, CancellationToken ct) => Task.FromResult(TwoFactorEnabled);

    public Task<TwoFactorSetup> StartTwoFactorAsync(string agentId, CancellationToken ct) =>
        Task.FromResult(new TwoFactorSetup("JBSWY3DPEHPK3PXP", "<svg data-testid=\"fake-qr\"></svg>"));

    public Task<IReadOnlyList<string>> ConfirmTwoFactorAsync(string agentId, string code, CancellationToken ct)
    {
        if (code != "123456")
        {
            throw new ConsoleActionException("two_factor_code_invalid", "That code is not right.");
        }

        TwoFactorEnabled = true;
        return Task.FromResult<IReadOnlyList<string>>(["aaaaa-bbbbb", "ccccc-ddddd"]);
    }

    public Task<AgentProfile?> GetAgentAsync(string agentId, CancellationToken ct) =>
        Task.FromResult(agentId == Agent.Id ? Agent : null);

    public Task<IReadOnlyList<ChatSummary>> GetMyChatsAsync(string agentId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<ChatSummary>>(MyChats.ToList());

    public Task<IReadOnlyList<QueuedChat>> GetQueueAsync(string agentId, CancellationToken ct)
    {
        QueueLoads++;
        return Task.FromResult<IReadOnlyList<QueuedChat>>(Queue.ToList());
    }

    public Task<ChatDetail> OpenChatAsync(string agentId, string conversationId, CancellationToken ct) =>
        Details.TryGetValue(conversationId, out var detail)
            ? Task.FromResult(detail)
            : throw new ConsoleActionException("not_found", "That chat does not exist.");

    public Task<IReadOnlyList<ChatMessage>> GetMessagesAsync(string agentId, string conversationId, long afterSeq, CancellationToken ct) =>
        Details.TryGetValue(conversationId, out var detail)
            ? Task.FromResult<IReadOnlyList<ChatMessage>>([.. detail.Messages.Where(m => m.Seq > afterSeq)])
            : throw new ConsoleActionException("not_found", "That chat does not exist.");

    public Task<ChatMessage> SendAsync(string agentId, string conversationId, string clientId, string text, CancellationToken ct)
    {
        SendAttempts.Add((conversationId, clientId, text));
        if (SendFailure is { } failure)
        {
            SendFailure = null;
            throw failure;
        }

        Sent.Add((conversationId, clientId, text));
        var seq = Details.TryGetValue(conversationId, out var detail) && detail.Messages.Count > 0
            ? detail.Messages.Max(m => m.Seq) + 1
            : 1;
        return Task.FromResult(new ChatMessage(conversationId, clientId, seq, SenderKind.Agent, Agent.Name, text, DateTimeOffset.UtcNow));
    }

    public Task SetTypingAsync(string agentId, string conversationId, bool isTyping, CancellationToken ct)
    {
        Typing.Add((conversationId, isTyping));
        return Task.CompletedTask;
    }

    public Task ResolveAsync(string agentId, string conversationId, CancellationToken ct)
    {
        Resolved.Add(conversationId);
        return Task.CompletedTask;
    }

    public Task TakeAsync(string agentId, string conversationId, CancellationToken ct)
    {
        if (TakeFailure is { } failure)
        {
            throw failure;
        }

        Taken.Add(conversationId);
        return Task.CompletedTask;
    }

    public Task SetPresenceAsync(string agentId, Presence presence, CancellationToken ct)
    {
        PresenceChanges.Add(presence);
        ChosenPresence = presence;
        return Task.CompletedTask;
    }

    public List<MentionItem> Mentions { get; } = [];

    public List<string> MentionNames { get; } = [];

    public Task<IReadOnlyList<string>> GetMentionNamesAsync(string agentId, string conversationId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<string>>([.. MentionNames]);

    public Task<IReadOnlyList<MentionItem>> GetMentionsAsync(string agentId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<MentionItem>>([.. Mentions]);

    public Task<Presence> ResumePresenceAsync(string agentId, CancellationToken ct)
    {
        PresenceResumes++;
        return Task.FromResult(ChosenPresence);
    }

    public Task<NextAction> SetNextActionAsync(string agentId, string conversationId, NextActionDraft draft, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(draft.What))
        {
            throw new ConsoleActionException("action_what_invalid", "Say what will be done, in 1 to 200 characters.");
        }

        NextActionsSet.Add((conversationId, draft));
        var owner = draft.OwnerId == Agent.Id ? Agent.Name : Colleagues.FirstOrDefault(c => c.Id == draft.OwnerId)?.Name ?? draft.OwnerId;
        return Task.FromResult(new NextAction($"na-{NextActionsSet.Count}", conversationId, draft.What, draft.OwnerId, owner, draft.DueAt));
    }

    public Task<NextAction> CloseNextActionAsync(string agentId, string actionId, string outcome, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(outcome))
        {
            throw new ConsoleActionException("action_outcome_invalid", "Say what was done, in 1 to 500 characters; the customer reads it.");
        }

        NextActionsClosed.Add((actionId, outcome));
        var action = Details.Values.SelectMany(d => d.NextActions).Concat(DueList).First(a => a.Id == actionId);
        return Task.FromResult(action with { DoneAt = DateTimeOffset.UtcNow, Outcome = outcome });
    }

    public Dictionary<string, List<string>> ConversationTags { get; } = new(StringComparer.Ordinal);

    public List<(string ConversationId, string Rule, CoachOutcome Outcome)> CoachCounts { get; } = [];

    public List<(string ConversationId, string CannedReplyId)> CannedUses { get; } = [];

    public Task CountCannedReplyUseAsync(string agentId, string conversationId, string cannedReplyId, CancellationToken ct)
    {
        CannedUses.Add((conversationId, cannedReplyId));
        return Task.CompletedTask;
    }

    public Task CountCoachHintAsync(string agentId, string conversationId, string rule, CoachOutcome outcome, CancellationToken ct)
    {
        CoachCounts.Add((conversationId, rule, outcome));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> AddConversationTagAsync(string agentId, string conversationId, string tag, CancellationToken ct)
    {
        var tags = ConversationTags.TryGetValue(conversationId, out var list) ? list : ConversationTags[conversationId] = [];
        if (!tags.Contains(tag, StringComparer.OrdinalIgnoreCase))
        {
            tags.Add(tag);
        }

        return Task.FromResult<IReadOnlyList<string>>(tags.ToList());
    }

    public Task<IReadOnlyList<string>> RemoveConversationTagAsync(string agentId, string conversationId, string tag, CancellationToken ct)
    {
        var tags = ConversationTags.TryGetValue(conversationId, out var list) ? list : [];
        tags.RemoveAll(t => string.Equals(t, tag, StringComparison.OrdinalIgnoreCase));
        return Task.FromResult<IReadOnlyList<string>>(tags.ToList());
    }

    public Task<IReadOnlyList<NextAction>> GetDueListAsync(string agentId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<NextAction>>(DueList.ToList());

    /// <summary>Runs as a console subscribes: what happens here reaches it by no event, only by reading again.</summary>
    public Action? BeforeSubscribing { get; set; }

    public IDisposable Subscribe(string agentId, Func<ConsoleEvent, Task> onEvent)
    {
        BeforeSubscribing?.Invoke();
        subscribers.Add(onEvent);
        return new Unsubscriber(() => subscribers.Remove(onEvent));
    }

    /// <summary>Delivers an event to every subscribed console, as the server's event bus would.</summary>
    public async Task PublishAsync(ConsoleEvent evt)
    {
        foreach (var subscriber in subscribers.ToList())
        {
            await subscriber(evt);
        }
    }

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }

    public Task MarkReadAsync(string agentId, string conversationId, long seq, CancellationToken ct)
    {
        ReadMarks.Add((conversationId, seq));
        return Task.CompletedTask;
    }

    public Task<ChatNote> AddNoteAsync(string agentId, string conversationId, string clientId, string text, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ConsoleActionException("note_empty", "A note cannot be empty.");
        }

        Notes.Add((conversationId, clientId, text));
        return Task.FromResult(new ChatNote(conversationId, clientId, NoteKind.Note, Agent.Name, null, text, DateTimeOffset.UtcNow));
    }

    public Task<IReadOnlyList<Colleague>> GetTransferTargetsAsync(string agentId, string conversationId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Colleague>>(Colleagues.ToList());

    public Task TransferAsync(string agentId, string conversationId, string toAgentId, string note, CancellationToken ct)
    {
        if (TransferFailure is { } failure)
        {
            throw failure;
        }

        Transfers.Add((conversationId, toAgentId, note));
        return Task.CompletedTask;
    }

    public Task ReopenAsync(string agentId, string conversationId, CancellationToken ct)
    {
        Reopened.Add(conversationId);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<CannedReply>> GetCannedRepliesAsync(string agentId, string siteId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<CannedReply>>((Admin?.Replies ?? CannedReplies).Where(r => r.SiteId == siteId).ToList());

    /// <summary>When set, canned replies are read from what the admin port saved, as on the server.</summary>
    public FakeAdminPort? Admin { get; set; }

    public Task<IReadOnlyList<string>> AddCustomerTagAsync(string agentId, string customerId, string tag, CancellationToken ct)
    {
        var tags = TagsOf(customerId);
        if (!tags.Contains(tag.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            tags.Add(tag.Trim());
        }

        return Task.FromResult<IReadOnlyList<string>>(tags.ToList());
    }

    public Task<IReadOnlyList<string>> RemoveCustomerTagAsync(string agentId, string customerId, string tag, CancellationToken ct)
    {
        var tags = TagsOf(customerId);
        tags.RemoveAll(t => string.Equals(t, tag, StringComparison.OrdinalIgnoreCase));
        return Task.FromResult<IReadOnlyList<string>>(tags.ToList());
    }

    private List<string> TagsOf(string customerId)
    {
        if (!Tags.TryGetValue(customerId, out var tags))
        {
            tags = [];
            Tags[customerId] = tags;
        }

        return tags;
    }
}
