namespace Chat.Server.Routing;

/// <summary>
/// Routing state: who is available with how much room, and who waits in which site's line.
/// Lines are ordered by when each conversation started, so a conversation put back keeps its
/// place. Every method is atomic: an agent never goes over capacity and a conversation is
/// never handed out twice.
/// </summary>
public interface IChatRouter
{
    /// <summary>
    /// Gives the conversation to the least-loaded available agent of the site with room (returns
    /// their id and raises their load), or puts it in line (returns null). Nobody jumps the
    /// line: when someone already waits, the conversation queues behind them.
    /// </summary>
    Task<string?> AssignOrEnqueueAsync(string siteId, string conversationId, long queuedAt, CancellationToken ct);

    /// <summary>Puts a conversation in line unless it is there already (start-up and reconciliation).</summary>
    Task EnqueueIfAbsentAsync(string siteId, string conversationId, long queuedAt, CancellationToken ct);

    /// <summary>Hands this agent the oldest waiting conversations of their sites while they are available and have room.</summary>
    Task<IReadOnlyList<string>> DrainForAgentAsync(string agentId, CancellationToken ct);

    /// <summary>Takes a waiting conversation for this agent if it still waits and they have room.</summary>
    Task<bool> TryTakeAsync(string agentId, string siteId, string conversationId, CancellationToken ct);

    /// <summary>One of this agent's chats ended: their load drops by one.</summary>
    Task ReleaseAsync(string agentId, CancellationToken ct);

    /// <summary>Undoes a hand-out that could not be stored: the agent's load drops and the conversation returns to its place.</summary>
    Task ReturnAsync(string agentId, string siteId, string conversationId, long queuedAt, CancellationToken ct);

    /// <summary>Registers or refreshes an agent: sites, capacity, current load, availability.</summary>
    Task SetAgentAsync(AgentSlot agent, CancellationToken ct);

    Task SetAvailableAsync(string agentId, bool available, CancellationToken ct);

    /// <summary>The agent is offline: no new chats until they register again.</summary>
    Task RemoveAgentAsync(string agentId, CancellationToken ct);

    /// <summary>Whether the agent is online: registered, with a live heartbeat.</summary>
    Task<bool> IsOnlineAsync(string agentId, CancellationToken ct);

    /// <summary>
    /// Keeps an online agent's presence alive; false when routing no longer knows them, or their
    /// presence had lapsed (Redis was away longer than its time to live, as in a failover): a
    /// visitor may have queued meanwhile, so they register again and take who waits.
    /// </summary>
    Task<bool> HeartbeatAsync(string agentId, CancellationToken ct);

    /// <summary>
    /// Which copy of the routing state routing holds now, and whether this node is the one to put
    /// the waiting conversations back in line from the database. The copy changes when Redis
    /// restarted empty or a replica took over after a failover (it may lack the last writes
    /// before it); the first node to see a new copy rebuilds, every node registers its agents again.
    /// </summary>
    Task<RoutingCopy> ClaimRebuildAsync(CancellationToken ct);

    /// <summary>The conversation's 1-based place in its site's line, or null when it is not waiting.</summary>
    Task<int?> PositionAsync(string siteId, string conversationId, CancellationToken ct);

    Task<IReadOnlyList<string>> QueueAsync(string siteId, CancellationToken ct);

    /// <summary>
    /// Is any agent of the site online now, with or without room? When not, the widget offers a
    /// leave-a-message form instead of a live chat.
    /// </summary>
    Task<bool> HasAvailableAgentAsync(string siteId, CancellationToken ct);

    /// <summary>
    /// Raises the agent's load for a conversation that never waited in line (a message left for
    /// follow-up that they take), if they belong to the site and have room; false otherwise.
    /// </summary>
    Task<bool> TryTakeOutsideLineAsync(string agentId, string siteId, CancellationToken ct);

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

/// <param name="Id">Names the copy: Redis's replication id, new after a restart or a failover.</param>
/// <param name="RebuildHere">This node saw the new copy first and puts the lines back.</param>
public readonly record struct RoutingCopy(string Id, bool RebuildHere);
