using Chat.Server.Conversations;

namespace Chat.Server.Events;

/// <summary>
/// The one rule of who hears what: an event's channels follow from the event alone, so no writer
/// chooses channels and none can send a note to a visitor by mistake. Agents' drafts, notes and
/// hand-over notes stay on agents' channels; the visitor's live preview goes to their agent only.
/// </summary>
public static class Audience
{
    public static IReadOnlyList<string> Of(ChatEvent chatEvent) => chatEvent switch
    {
        MessageAdded m => VisitorAndAgents(m.CustomerId, m.AgentId),
        TypingChanged { SenderKind: SenderKinds.Visitor } t => Agents(t.AgentId),
        TypingChanged t => [Channels.Visitor(t.CustomerId)],
        ConversationChanged { Change: ConversationChange.Transferred or ConversationChange.QueueMoved } c => [Channels.Visitor(c.Conversation.CustomerId)],
        ConversationChanged c => VisitorAndAgents(c.Conversation.CustomerId, c.Conversation.AgentId, c.FormerAgentId),
        QueueChangedEvent q => [Channels.Site(q.SiteId)],
        MessagesSeen s => [Channels.Visitor(s.CustomerId)],
        NoteAddedEvent { Mentioned: { Count: > 0 } named } n => Agents([n.Note.AuthorId, n.AssignedAgentId, .. named]),
        NoteAddedEvent n => Agents(n.Note.AuthorId, n.AssignedAgentId),
        ChatHandedOver h => Agents(h.Conversation.AgentId, h.FromAgentId),
        VisitorPageReported p => [Channels.Agent(p.AgentId)],
        CustomerChanged c => [Channels.Visitor(c.CustomerId)],
        NextActionChanged n => [Channels.Site(n.SiteId)],
        NextActionDue d => [Channels.Agent(d.Action.OwnerId)],
        _ => throw new ArgumentOutOfRangeException(nameof(chatEvent), chatEvent.GetType().Name, "Every event needs an audience."),
    };

    private static string[] VisitorAndAgents(string customerId, string? agentId) =>
        string.IsNullOrEmpty(agentId) ? [Channels.Visitor(customerId)] : [Channels.Visitor(customerId), Channels.Agent(agentId)];

    private static string[] VisitorAndAgents(string customerId, string? agentId, string? formerAgentId) =>
        [Channels.Visitor(customerId), .. Agents(agentId, formerAgentId)];

    private static string[] Agents(string? agentId) => string.IsNullOrEmpty(agentId) ? [] : [Channels.Agent(agentId)];

    /// <summary>Several agents (who wrote a note, who has the chat, who it names), each once.</summary>
    private static string[] Agents(IEnumerable<string?> agentIds) =>
        [.. agentIds.Where(id => !string.IsNullOrEmpty(id)).Distinct(StringComparer.Ordinal).Select(id => Channels.Agent(id!))];

    /// <summary>Two agents (who wrote and who is assigned, or who gave and who took), each once.</summary>
    private static string[] Agents(string? first, string? second) =>
        string.IsNullOrEmpty(first) || first == second ? Agents(second)
        : string.IsNullOrEmpty(second) ? Agents(first)
        : [Channels.Agent(first), Channels.Agent(second)];
}
