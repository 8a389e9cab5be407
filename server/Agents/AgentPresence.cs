using System.Collections.Concurrent;
using Chat.Server.Conversations;
using Chat.Server.Routing;

namespace Chat.Server.Agents;

/// <summary>
/// An agent is online while at least one console tab is open and they have not set
/// themselves away. Coming online hands them whoever waits.
/// </summary>
public sealed class AgentPresence(IChatRouter router, Assignments assignments, AgentStore agents, ConversationStore conversations)
{
    private readonly ConcurrentDictionary<string, int> _openConsoles = new(StringComparer.Ordinal);

    public async Task ConsoleOpenedAsync(string agentId, CancellationToken ct)
    {
        if (_openConsoles.AddOrUpdate(agentId, 1, (_, n) => n + 1) > 1)
        {
            return;
        }

        var agent = await agents.FindAsync(agentId, ct);
        if (agent is null)
        {
            return;
        }

        var sites = await agents.SiteIdsAsync(agentId, ct);
        var load = (await conversations.OpenForAgentAsync(agentId, ct)).Count;
        await router.SetAgentAsync(new AgentSlot(agentId, sites.ToHashSet(StringComparer.Ordinal), (int)agent.Capacity, load, Available: true, 0), ct);
        await assignments.DrainAsync(agentId, ct);
    }

    public async Task ConsoleClosedAsync(string agentId, CancellationToken ct)
    {
        if (_openConsoles.AddOrUpdate(agentId, 0, (_, n) => Math.Max(0, n - 1)) == 0)
        {
            _openConsoles.TryRemove(new KeyValuePair<string, int>(agentId, 0));
            await router.RemoveAgentAsync(agentId, ct);
        }
    }

    /// <summary>Away keeps current chats but stops new ones; back online takes from the line again.</summary>
    public async Task SetAvailableAsync(string agentId, bool available, CancellationToken ct)
    {
        await router.SetAvailableAsync(agentId, available, ct);
        if (available)
        {
            await assignments.DrainAsync(agentId, ct);
        }
    }
}
