using Chat.Server.Routing;

namespace Chat.Server.Agents.Sessions;

/// <summary>
/// An agent who was disabled or deleted stops at once: every session ends, routing forgets them,
/// and their open chats go back to the line (their visitors are told, as when an agent stays
/// away past the grace period).
/// </summary>
public sealed class AgentRemoval(AgentSessions sessions, IChatRouter router, Assignments assignments)
{
    public async Task TakeOffDutyAsync(Agent agent, CancellationToken ct)
    {
        await sessions.EndAllAsync(agent.Id, ct);
        await router.RemoveAgentAsync(agent.Id, ct);
        await assignments.ReturnChatsOfAbsentAgentAsync(agent.Id, agent.Name, ct);
    }
}
