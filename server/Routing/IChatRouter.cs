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
    /// Is any agent of the site online now, with or without room? When not, the widget offers a
    /// leave-a-message form instead of a live chat. A router that cannot tell answers true, so
    /// visitors queue for a live chat as they did before this question existed.
    /// </summary>
    Task<bool> HasAvailableAgentAsync(string siteId, CancellationToken ct) => Task.FromResult(true);

    /// <summary>
    /// Raises the agent's load for a conversation that never waited in line (a message left for
    /// follow-up that they take), if they belong to the site and have room; false otherwise.
    /// </summary>
    Task<bool> TryTakeOutsideLineAsync(string agentId, string siteId, CancellationToken ct) =>
        throw new NotSupportedException($"{GetType().Name} cannot hand out follow-ups yet.");
}
