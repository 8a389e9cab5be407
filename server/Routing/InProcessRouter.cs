namespace Chat.Server.Routing;

/// <summary>Single-node routing: one lock makes pick-agent, raise-load and dequeue one step.</summary>
public sealed class InProcessRouter : IChatRouter
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, AgentSlot> _agents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _queues = new(StringComparer.Ordinal);

    public Task<string?> AssignOrEnqueueAsync(string siteId, string conversationId, CancellationToken ct)
    {
        lock (_gate)
        {
            var queue = Queue(siteId);
            // Those already waiting go first: a newcomer is assigned at once only when nobody waits.
            var agent = queue.Count == 0 ? AgentPicker.Pick(_agents.Values, siteId) : null;
            if (agent is null)
            {
                if (!queue.Contains(conversationId))
                {
                    queue.Add(conversationId);
                }

                return Task.FromResult<string?>(null);
            }

            _agents[agent.AgentId] = agent with { Load = agent.Load + 1, LastAssignedAt = Clock.NowMs() };
            return Task.FromResult<string?>(agent.AgentId);
        }
    }

    public Task<IReadOnlyList<string>> DrainForAgentAsync(string agentId, CancellationToken ct)
    {
        var handed = new List<string>();
        lock (_gate)
        {
            while (_agents.TryGetValue(agentId, out var agent) && agent.Available && agent.Load < agent.Capacity)
            {
                // The queues hold conversations in arrival order; take the head of the first site with anyone waiting.
                // Site queues are separate, so "oldest across sites" is approximated by site order; fine for a few sites per agent.
                var queue = agent.SiteIds.Select(Queue).FirstOrDefault(q => q.Count > 0);
                if (queue is null)
                {
                    break;
                }

                handed.Add(queue[0]);
                queue.RemoveAt(0);
                _agents[agentId] = agent with { Load = agent.Load + 1, LastAssignedAt = Clock.NowMs() };
            }
        }

        return Task.FromResult<IReadOnlyList<string>>(handed);
    }

    public Task<bool> TryTakeAsync(string agentId, string siteId, string conversationId, CancellationToken ct)
    {
        lock (_gate)
        {
            var queue = Queue(siteId);
            if (!_agents.TryGetValue(agentId, out var agent) || agent.Load >= agent.Capacity
                || !agent.SiteIds.Contains(siteId) || !queue.Remove(conversationId))
            {
                return Task.FromResult(false);
            }

            _agents[agentId] = agent with { Load = agent.Load + 1, LastAssignedAt = Clock.NowMs() };
            return Task.FromResult(true);
        }
    }

    public Task ReleaseAsync(string agentId, CancellationToken ct)
    {
        lock (_gate)
        {
            if (_agents.TryGetValue(agentId, out var agent))
            {
                _agents[agentId] = agent with { Load = Math.Max(0, agent.Load - 1) };
            }
        }

        return Task.CompletedTask;
    }

    public Task ReturnAsync(string agentId, string siteId, string conversationId, CancellationToken ct)
    {
        lock (_gate)
        {
            if (_agents.TryGetValue(agentId, out var agent))
            {
                _agents[agentId] = agent with { Load = Math.Max(0, agent.Load - 1) };
            }

            var queue = Queue(siteId);
            if (!queue.Contains(conversationId))
            {
                queue.Insert(0, conversationId);
            }
        }

        return Task.CompletedTask;
    }

    public Task SetAgentAsync(AgentSlot agent, CancellationToken ct)
    {
        lock (_gate)
        {
            _agents[agent.AgentId] = agent;
        }

        return Task.CompletedTask;
    }

    public Task SetAvailableAsync(string agentId, bool available, CancellationToken ct)
    {
        lock (_gate)
        {
            if (_agents.TryGetValue(agentId, out var agent))
            {
                _agents[agentId] = agent with { Available = available };
            }
        }

        return Task.CompletedTask;
    }

    public Task RemoveAgentAsync(string agentId, CancellationToken ct)
    {
        lock (_gate)
        {
            _agents.Remove(agentId);
        }

        return Task.CompletedTask;
    }

    public Task<int?> PositionAsync(string siteId, string conversationId, CancellationToken ct)
    {
        lock (_gate)
        {
            var index = Queue(siteId).IndexOf(conversationId);
            return Task.FromResult<int?>(index < 0 ? null : index + 1);
        }
    }

    public Task<IReadOnlyList<string>> QueueAsync(string siteId, CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<string>>([.. Queue(siteId)]);
        }
    }

    public Task<bool> TryHandOverAsync(string siteId, string toAgentId, string? fromAgentId, CancellationToken ct)
    {
        lock (_gate)
        {
            if (!_agents.TryGetValue(toAgentId, out var to) || !to.Available || to.Load >= to.Capacity || !to.SiteIds.Contains(siteId))
            {
                return Task.FromResult(false);
            }

            _agents[toAgentId] = to with { Load = to.Load + 1, LastAssignedAt = Clock.NowMs() };
            if (fromAgentId is not null && fromAgentId != toAgentId && _agents.TryGetValue(fromAgentId, out var giver))
            {
                _agents[fromAgentId] = giver with { Load = Math.Max(0, giver.Load - 1) };
            }

            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<AgentSlot>> AgentsAsync(string siteId, CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<AgentSlot>>([.. _agents.Values.Where(a => a.SiteIds.Contains(siteId))]);
        }
    }

    private List<string> Queue(string siteId)
    {
        if (!_queues.TryGetValue(siteId, out var queue))
        {
            queue = [];
            _queues[siteId] = queue;
        }

        return queue;
    }
}
