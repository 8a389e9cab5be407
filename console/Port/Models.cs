namespace Chat.AgentConsole.Port;

public enum Presence { Online, Away, Offline }

public enum SenderKind { Visitor, Agent, System }

public sealed record AgentProfile(string Id, string Name, string Email, string Role, int Capacity)
{
    /// <summary>An http(s) picture of the agent, or null for initials.</summary>
    public string? AvatarUrl { get; init; }

    /// <summary>The agent's security stamp at sign-in, for the cookie (<see cref="ConsoleAuth.SessionClaim"/>).</summary>
    public string? SessionStamp { get; init; }
}

public sealed record ChatMessage(
    string ConversationId,
    string ClientId,
    long Seq,
    SenderKind Sender,
    string SenderName,
    string Text,
    DateTimeOffset CreatedAt)
{
    /// <summary>The privacy guard hid a card number or IBAN in it before it was stored.</summary>
    public bool Masked { get; init; }
}

/// <summary>One row of "My chats".</summary>
/// <param name="WaitingSince">When the customer's oldest unanswered message was sent; null when nothing awaits a reply.</param>
public sealed record ChatSummary(
    string ConversationId,
    string CustomerName,
    string? LastMessagePreview,
    DateTimeOffset? LastMessageAt,
    DateTimeOffset? WaitingSince,
    long LastSeq)
{
    /// <summary>Visitor messages the agent has not seen yet.</summary>
    public int Unread { get; init; }

    /// <summary>When the wait turns amber, then red: set per site.</summary>
    public WaitThresholds Thresholds { get; init; } = WaitThresholds.Default;
}

public sealed record QueuedChat(string ConversationId, string CustomerName, string SiteName, DateTimeOffset QueuedAt)
{
    public WaitThresholds Thresholds { get; init; } = WaitThresholds.Default;
}

public sealed record CustomerInfo(
    string Id,
    string Name,
    string? Email,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    int ConversationCount)
{
    /// <summary>The page the visitor last reported, or null when the widget has not said.</summary>
    public VisitorPage? Page { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Custom attributes the shop set (plan, orders …), by name, as text to show.</summary>
    public IReadOnlyList<CustomerAttribute> Attributes { get; init; } = [];
}

/// <summary>One custom attribute of a customer, its value already written as text.</summary>
public sealed record CustomerAttribute(string Name, string Value);

public sealed record PastConversation(
    string ConversationId,
    DateTimeOffset CreatedAt,
    string Status,
    int? Rating,
    IReadOnlyList<ChatMessage> Messages)
{
    public IReadOnlyList<ChatNote> Notes { get; init; } = [];
}

public sealed record ChatDetail(
    string ConversationId,
    string Status,
    CustomerInfo Customer,
    IReadOnlyList<ChatMessage> Messages,
    IReadOnlyList<PastConversation> PastConversations,
    int? Rating,
    string? RatingComment)
{
    public string SiteId { get; init; } = "";

    public string SiteName { get; init; } = "";

    /// <summary>Agent-only notes, oldest first; never shown to the visitor.</summary>
    public IReadOnlyList<ChatNote> Notes { get; init; } = [];

    /// <summary>What the team promised on this chat, open ones first; the visitor sees them too.</summary>
    public IReadOnlyList<NextAction> NextActions { get; init; } = [];

    /// <summary>The site's IANA time zone: due times are entered and shown in it.</summary>
    public string SiteTimeZone { get; init; } = "UTC";

    /// <summary>What this chat was about ("complaint", "shipping" …), apart from the customer's tags.</summary>
    public IReadOnlyList<string> ConversationTags { get; init; } = [];

    /// <summary>Who has the chat; another agent sees it read-only (notes still allowed).</summary>
    public string? AssignedAgentId { get; init; }
}

/// <summary>
/// A promise with a deadline: "<see cref="OwnerName"/> will <see cref="What"/> by <see cref="DueAt"/>".
/// Open until kept; it outlives a resolve and moves with a transfer.
/// </summary>
public sealed record NextAction(string Id, string ConversationId, string What, string OwnerId, string OwnerName, DateTimeOffset DueAt)
{
    public DateTimeOffset? DoneAt { get; init; }

    /// <summary>What was done; the visitor reads it.</summary>
    public string? Outcome { get; init; }

    public string CustomerName { get; init; } = "";

    /// <summary>The conversation's status: an action of a resolved chat stays in its owner's list.</summary>
    public string ConversationStatus { get; init; } = "";

    /// <summary>A complaint to turn round (a low rating or a complaint tag), not a promise an agent set.</summary>
    public bool IsComplaint { get; init; }

    /// <summary>The site's IANA time zone, in which the due time is shown.</summary>
    public string TimeZone { get; init; } = "UTC";

    public bool IsOpen => DoneAt is null;

    public bool IsOverdue(DateTimeOffset now) => IsOpen && DueAt <= now;

    /// <summary>Within the hour: time to start on it.</summary>
    public bool IsDueSoon(DateTimeOffset now) => IsOpen && DueAt > now && DueAt - now <= TimeSpan.FromHours(1);
}

/// <summary>What became of a reply-coach hint: counted per site for the reports.</summary>
public enum CoachOutcome { Shown, Dismissed, Followed }

/// <param name="What">Finishes "Alex will …", such as "email you the tracking number".</param>
public sealed record NextActionDraft(string ClientId, string What, string OwnerId, DateTimeOffset DueAt);

/// <summary>Live events pushed to a console circuit.</summary>
public abstract record ConsoleEvent;

public sealed record MessagePosted(ChatMessage Message) : ConsoleEvent;

/// <param name="Preview">What the visitor has typed so far, before sending; empty when they stopped.</param>
public sealed record VisitorTyping(string ConversationId, bool IsTyping, string Preview = "") : ConsoleEvent;

/// <param name="Handover">Set when a colleague transferred the chat to this agent.</param>
public sealed record ChatAssigned(ChatSummary Chat, Handover? Handover = null) : ConsoleEvent;

public sealed record ChatClosed(string ConversationId, string Status) : ConsoleEvent;

public sealed record ChatRated(string ConversationId, int Rating, string? Comment) : ConsoleEvent;

public sealed record QueueChanged : ConsoleEvent;

/// <summary>Events for this console were dropped (it fell behind): reload what it shows.</summary>
public sealed record ResyncNeeded : ConsoleEvent;

/// <summary>An internal note was added to one of the agent's chats (perhaps from another tab).</summary>
public sealed record NoteAdded(ChatNote Note) : ConsoleEvent;

/// <summary>A colleague named this agent in a note; the chat need not be theirs.</summary>
public sealed record MentionedInNote(ChatNote Note, MentionItem Mention) : ConsoleEvent;

/// <summary>A note that named the agent, in their list of mentions: the chat opens read-only unless it is theirs.</summary>
public sealed record MentionItem(string ConversationId, string CustomerName, string AuthorName, string Text, DateTimeOffset At);

/// <summary>The agent handed this chat to a colleague; it leaves their list.</summary>
public sealed record ChatTransferred(string ConversationId, string ToAgentName) : ConsoleEvent;

/// <summary>The visitor of one of the agent's chats reported a new page.</summary>
public sealed record CustomerPageChanged(string CustomerId, VisitorPage Page) : ConsoleEvent;

/// <summary>A next action of the agent's sites was set, kept or moved: refresh the Due list (and the chat, if open).</summary>
public sealed record NextActionsChanged(string ConversationId) : ConsoleEvent;

/// <summary>One of the agent's next actions is due soon, or past due.</summary>
public sealed record NextActionReminder(NextAction Action, bool Overdue) : ConsoleEvent;

/// <summary>An action the agent may not take, or bad input, with a stable code and a readable message.</summary>
public sealed class ConsoleActionException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;

    /// <summary>With the code <c>second_factor_required</c>: the sealed sign-in to complete with <see cref="IConsolePort.CompleteSignInAsync"/>.</summary>
    public string? PendingSignIn { get; init; }
}

/// <summary>A two-factor secret waiting for its first code: a QR code (SVG drawn by the server) and the same secret as text.</summary>
public sealed record TwoFactorSetup(string Secret, string QrSvg);

/// <summary>When a customer's wait turns amber (<see cref="Warn"/>) and red (<see cref="Urgent"/>).</summary>
public sealed record WaitThresholds(TimeSpan Warn, TimeSpan Urgent)
{
    public static readonly WaitThresholds Default = new(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(3));

    /// <summary>The site's aim for a reply to a waiting customer; the console counts down to it. Null is no target.</summary>
    public TimeSpan? FirstReplyTarget { get; init; }
}

/// <summary>Where the visitor is: reported by the widget, with the browser's User-Agent.</summary>
/// <param name="TimeZone">An IANA time zone such as "Europe/Lisbon", as the visitor's browser names it.</param>
public sealed record VisitorPage(string Url, string? Title, string? TimeZone, string? UserAgent, DateTimeOffset ReportedAt);

public enum NoteKind { Note, Transfer }

/// <summary>An agent-only note on a conversation. A transfer note names who the chat went to.</summary>
public sealed record ChatNote(
    string ConversationId,
    string ClientId,
    NoteKind Kind,
    string AuthorName,
    string? TargetName,
    string Text,
    DateTimeOffset CreatedAt);

/// <summary>Who handed a chat over, and what they wrote for the new agent.</summary>
public sealed record Handover(string FromAgentName, string Note);

/// <summary>An agent a chat can be transferred to, with their presence and room.</summary>
public sealed record Colleague(string Id, string Name, string? AvatarUrl, Presence Presence, int Load, int Capacity)
{
    public bool CanTakeChat => Presence == Presence.Online && Load < Capacity;
}

/// <summary>A reply saved for a site, inserted in the composer by typing "/" and its shortcut.</summary>
public sealed record CannedReply(string Id, string SiteId, string Shortcut, string Text);
