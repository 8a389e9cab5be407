using Chat.AgentConsole.Coach;
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

    /// <summary>Why the waiting customer seems upset (their last message), or null.</summary>
    public string? Mood => IsWaiting ? MoodCue.Detect(Summary.LastMessagePreview) : null;

    /// <summary>The wait's urgency, one step higher when the customer seems upset.</summary>
    public Urgency UrgencyAt(DateTimeOffset now)
    {
        var urgency = Resolved ? Urgency.None : WaitUrgency.Of(Summary.WaitingSince, Summary.Thresholds, now);
        return Mood is not null && urgency is Urgency.Waiting or Urgency.Warn ? urgency + 1 : urgency;
    }
}
