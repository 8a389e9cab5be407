namespace Chat.Server.Routing;

/// <summary>
/// Routing state: who is available with how much room, and who waits in which site's line.
/// Every method is atomic: an agent never goes over capacity and a conversation is never
/// handed out twice.
/// </summary>
public interface IChatRouter
{
    /// <summary>Gives the conversation to an agent at once (returns their id), or puts it in line (returns null).</summary>
    Task<string?> AssignOrEnqueueAsync(string siteId, string conversationId, CancellationToken ct);

    /// <summary>Hands this agent queued conversations while they have room; oldest first across their sites.</summary>
    Task<IReadOnlyList<string>> DrainForAgentAsync(string agentId, CancellationToken ct);

    /// <summary>Takes a queued conversation for this agent if it still waits and they have room.</summary>
    Task<bool> TryTakeAsync(string agentId, string siteId, string conversationId, CancellationToken ct);

    /// <summary>One of this agent's chats ended.</summary>
    Task ReleaseAsync(string agentId, CancellationToken ct);

    /// <summary>Undo a hand-out that could not be stored: the conversation goes back to the head of its line.</summary>
    Task ReturnAsync(string agentId, string siteId, string conversationId, CancellationToken ct);

    Task SetAgentAsync(AgentSlot agent, CancellationToken ct);

    Task SetAvailableAsync(string agentId, bool available, CancellationToken ct);

    Task RemoveAgentAsync(string agentId, CancellationToken ct);

    /// <summary>The conversation's 1-based place in its site's line, or null when it is not waiting.</summary>
    Task<int?> PositionAsync(string siteId, string conversationId, CancellationToken ct);

    Task<IReadOnlyList<string>> QueueAsync(string siteId, CancellationToken ct);

    /// <summary>
    /// Gives <paramref name="toAgentId"/> one more open chat of <paramref name="siteId"/> that
    /// does not come from the queue, in one step: only if they are available, belong to the site
    /// and are below capacity. With <paramref name="fromAgentId"/> (a transfer) that agent's load
    /// drops by one in the same step, never below zero; without it (a reopened chat) only the
    /// new agent's load rises. Returns false and changes nothing when the agent cannot take it.
    /// </summary>
    Task<bool> TryHandOverAsync(string siteId, string toAgentId, string? fromAgentId, CancellationToken ct);

    /// <summary>The agents routing knows (those with a console open) who belong to the site, as they stand now.</summary>
    Task<IReadOnlyList<AgentSlot>> AgentsAsync(string siteId, CancellationToken ct);
}
