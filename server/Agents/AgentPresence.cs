using System.Collections.Concurrent;
using Chat.Server.Conversations;
using Chat.Server.Routing;

namespace Chat.Server.Agents;

/// <summary>
/// An agent is online from the moment an open console says so until the last of their
/// console tabs closes; away keeps their chats but stops new ones. This node keeps the
/// presence of the agents whose consoles it holds alive (see <see cref="PresenceKeeper"/>).
/// </summary>
public sealed class AgentPresence(IChatRouter router, Assignments assignments, AgentStore agents, ConversationStore conversations)
{
    private readonly ConcurrentDictionary<string, int> _openConsoles = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _available = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task> _listening = new(StringComparer.Ordinal);

    /// <summary>
    /// A console (or agent program) opened; <paramref name="listening"/> completes once its
    /// subscriptions are live. The agent is offered chats only after that, so no assignment
    /// can be published before the console hears it.
    /// </summary>
    public void ConsoleOpened(string agentId, Task listening)
    {
        _openConsoles.AddOrUpdate(agentId, 1, (_, n) => n + 1);
        _listening.AddOrUpdate(agentId, listening, (_, earlier) => Task.WhenAll(earlier, listening));
    }

    public async Task ConsoleClosedAsync(string agentId, CancellationToken ct)
    {
        if (_openConsoles.AddOrUpdate(agentId, 0, (_, n) => Math.Max(0, n - 1)) == 0)
        {
            _openConsoles.TryRemove(new KeyValuePair<string, int>(agentId, 0));
            _available.TryRemove(agentId, out _);
            _listening.TryRemove(agentId, out _);
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
        if (_listening.TryGetValue(agentId, out var listening))
        {
            await listening.WaitAsync(ct);
        }

        if (!await RegisterAsync(agentId, available, ct))
        {
            return;
        }

        _available[agentId] = available;
        if (available)
        {
            await assignments.DrainAsync(agentId, ct);
        }
    }

    /// <summary>Registers every agent of this node again, with their load from the database: routing's copy may have lost it.</summary>
    public async Task RegisterAgainAsync(CancellationToken ct)
    {
        foreach (var (agentId, available) in _available)
        {
            await SetAvailableAsync(agentId, available, ct);
        }
    }

    /// <summary>Refreshes the presence of this node's agents; registers again any that routing forgot or passed over (Redis restarted, failed over, or was away too long).</summary>
    public async Task HeartbeatAsync(CancellationToken ct)
    {
        foreach (var (agentId, available) in _available)
        {
            if (!await router.HeartbeatAsync(agentId, ct))
            {
                await SetAvailableAsync(agentId, available, ct);
            }
        }
    }

    /// <summary>
    /// Routing learns the agent's sites, capacity and current load from the database, so a
    /// restart or an admin's change of capacity is picked up.
    /// </summary>
    private async Task<bool> RegisterAsync(string agentId, bool available, CancellationToken ct)
    {
        var agent = await agents.FindAsync(agentId, ct);
        if (agent is null)
        {
            return false;
        }

        var sites = await agents.SiteIdsAsync(agentId, ct);
        var load = (await conversations.OpenForAgentAsync(agentId, ct)).Count;
        await router.SetAgentAsync(new AgentSlot(agentId, sites.ToHashSet(StringComparer.Ordinal), (int)agent.Capacity, load, available, 0), ct);
        return true;
    }
}
