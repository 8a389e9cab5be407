namespace Chat.AgentConsole.Chats;

/// <summary>
/// The order of "My chats", most urgent first: red waits, then amber, then other waiting
/// customers, each longest wait first, because that is who the agent should answer next.
/// Thresholds differ per site, so a short wait on a strict site can outrank a longer one
/// elsewhere. The rest follow by most recent activity, and resolved chats go last.
/// </summary>
public static class ChatOrdering
{
    public static IReadOnlyList<ChatListItem> Sort(IEnumerable<ChatListItem> items, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(items);
        return items
            .OrderBy(i => i.Resolved)
            .ThenByDescending(i => i.UrgencyAt(now))
            .ThenBy(i => i.IsWaiting ? i.Summary.WaitingSince : null)
            .ThenByDescending(i => i.Summary.LastMessageAt ?? DateTimeOffset.MinValue)
            // A stable tie-break keeps rows from swapping places between renders.
            .ThenBy(i => i.ConversationId, StringComparer.Ordinal)
            .ToList();
    }
}
