using Chat.AgentConsole.Port;

namespace Chat.AgentConsole.Chats;

/// <summary>A row of "My chats": the server's summary plus what only this console knows.</summary>
/// <param name="Unread">Visitor messages that arrived while another chat was open.</param>
/// <param name="Resolved">Closed during this session; kept in view so the agent sees the outcome.</param>
public sealed record ChatListItem(ChatSummary Summary, int Unread = 0, bool Resolved = false, int? Rating = null)
{
    public string ConversationId => Summary.ConversationId;

    /// <summary>True when the customer waits for a reply.</summary>
    public bool IsWaiting => !Resolved && Summary.WaitingSince is not null;
}
