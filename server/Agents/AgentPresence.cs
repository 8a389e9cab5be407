using System.Collections.Concurrent;
using Chat.Server.Conversations;
using Chat.Server.Routing;

namespace Chat.Server.Agents;

/// <summary>
/// An agent is online from the moment an open console says so until the last of their
/// console tabs closes; away keeps their chats but stops new ones.
/// </summary>
public sealed class AgentPresence(IChatRouter router, Assignments assignments, AgentStore agents, ConversationStore conversations)
{
    private readonly ConcurrentDictionary<string, int> _openConsoles = new(StringComparer.Ordinal);

    public void ConsoleOpened(string agentId) => _openConsoles.AddOrUpdate(agentId, 1, (_, n) => n + 1);

    public async Task ConsoleClosedAsync(string agentId, CancellationToken ct)
    {
        if (_openConsoles.AddOrUpdate(agentId, 0, (_, n) => Math.Max(0, n - 1)) == 0)
        {
            _openConsoles.TryRemove(new KeyValuePair<string, int>(agentId, 0));
            await router.RemoveAgentAsync(agentId, ct);
        }
    }

    /// <summary>
    /// An admin changed the agent's capacity or sites: if routing knows them (a console is open),
    /// it learns the new figures now, keeping their presence, and a larger capacity hands them who waits.
    /// </summary>
    public async Task RefreshAsync(string agentId, IEnumerable<string> previousSiteIds, CancellationToken ct)
    {
        foreach (var siteId in previousSiteIds)
        {
            var slot = (await router.AgentsAsync(siteId, ct)).FirstOrDefault(a => a.AgentId == agentId);
            if (slot is not null)
            {
                await SetAvailableAsync(agentId, slot.Available, ct);
                return;
            }
        }
    }

    /// <summary>Online hands the agent whoever waits, up to their capacity.</summary>
    public async Task SetAvailableAsync(string agentId, bool available, CancellationToken ct)
    {
        var agent = await agents.FindAsync(agentId, ct);
        if (agent is null)
        {
            return;
        }

        // Routing learns the agent's sites, capacity and current load from the database each time,
        // so a restart or an admin's change of capacity is picked up.
        var sites = await agents.SiteIdsAsync(agentId, ct);
        var load = (await conversations.OpenForAgentAsync(agentId, ct)).Count;
        await router.SetAgentAsync(new AgentSlot(agentId, sites.ToHashSet(StringComparer.Ordinal), (int)agent.Capacity, load, available, 0), ct);
        if (available)
        {
            await assignments.DrainAsync(agentId, ct);
        }
    }
}
