using System.Collections.Concurrent;

namespace Chat.Server.Agents;

/// <summary>
/// The agent behind a reply without a read per reply. A name or avatar changes rarely; an edit
/// on this node is seen at once (<see cref="Forget"/>), one on another node within
/// <see cref="Fresh"/>. Whether the chat is the agent's is never taken from here: the commit
/// checks that.
/// </summary>
public sealed class RecentAgents(AgentStore agents, TimeProvider time)
{
    public static readonly TimeSpan Fresh = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, (Agent Agent, long ReadAt)> _recent = new(StringComparer.Ordinal);

    public async ValueTask<Agent?> FindAsync(string agentId, CancellationToken ct)
    {
        if (_recent.TryGetValue(agentId, out var recent) && time.GetElapsedTime(recent.ReadAt) < Fresh)
        {
            return recent.Agent;
        }

        var agent = await agents.FindAsync(agentId, ct);
        if (agent is null)
        {
            _recent.TryRemove(agentId, out _);
            return null;
        }

        _recent[agentId] = (agent, time.GetTimestamp());
        return agent;
    }

    public void Forget(string agentId) => _recent.TryRemove(agentId, out _);
}
