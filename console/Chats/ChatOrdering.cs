namespace Chat.AgentConsole.Chats;

/// <summary>
/// The order of "My chats": whoever has waited longest for a reply comes first, because that
/// is who the agent should answer next; the rest follow by most recent activity.
/// </summary>
public static class ChatOrdering
{
    public static IReadOnlyList<ChatListItem> Sort(IEnumerable<ChatListItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return items
            .OrderByDescending(i => i.IsWaiting)
            .ThenBy(i => i.IsWaiting ? i.Summary.WaitingSince : null)
            .ThenByDescending(i => i.Summary.LastMessageAt ?? DateTimeOffset.MinValue)
            // A stable tie-break keeps rows from swapping places between renders.
            .ThenBy(i => i.ConversationId, StringComparer.Ordinal)
            .ToList();
    }
}
