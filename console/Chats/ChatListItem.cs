using Chat.AgentConsole.Port;

namespace Chat.AgentConsole.Chats;

/// <summary>A row of "My chats": the server's summary plus what only this console knows.</summary>
/// <param name="Unread">Visitor messages the agent has not seen: the server's count, raised live as messages arrive.</param>
/// <param name="Resolved">Closed during this session; kept in view so the agent sees the outcome.</param>
public sealed record ChatListItem(ChatSummary Summary, int Unread = 0, bool Resolved = false, int? Rating = null)
{
    public string ConversationId => Summary.ConversationId;

    /// <summary>True when the customer waits for a reply.</summary>
    public bool IsWaiting => !Resolved && Summary.WaitingSince is not null;

    public Urgency UrgencyAt(DateTimeOffset now) =>
        Resolved ? Urgency.None : WaitUrgency.Of(Summary.WaitingSince, Summary.Thresholds, now);
}
