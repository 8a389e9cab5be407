namespace Chat.Server.Routing;

/// <summary>Single-node routing: one lock makes pick-agent, raise-load and dequeue one step.</summary>
public sealed class InProcessRouter(TimeProvider time) : IChatRouter
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, AgentSlot> _agents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedSet<(long QueuedAt, string ConversationId)>> _queues = new(StringComparer.Ordinal);

    public Task<string?> AssignOrEnqueueAsync(string siteId, string conversationId, long queuedAt, CancellationToken ct)
    {
        lock (_gate)
        {
            var queue = Queue(siteId);
            var agent = queue.Count == 0 ? AgentPicker.Pick(_agents.Values, siteId) : null;
            if (agent is null)
            {
                AddIfAbsent(queue, conversationId, queuedAt);
                return Task.FromResult<string?>(null);
            }

            Raise(agent);
            return Task.FromResult<string?>(agent.AgentId);
        }
    }

    public Task EnqueueIfAbsentAsync(string siteId, string conversationId, long queuedAt, CancellationToken ct)
    {
        lock (_gate)
        {
            AddIfAbsent(Queue(siteId), conversationId, queuedAt);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> DrainForAgentAsync(string agentId, CancellationToken ct)
    {
        var handed = new List<string>();
        lock (_gate)
        {
            while (_agents.TryGetValue(agentId, out var agent) && agent.Available && agent.Load < agent.Capacity)
            {
                var oldest = agent.SiteIds
                    .Select(Queue)
                    .Where(q => q.Count > 0)
                    .Select(q => (Queue: q, Head: q.Min))
                    .OrderBy(x => x.Head)
                    .FirstOrDefault();
                if (oldest.Queue is null)
                {
                    break;
                }

                oldest.Queue.Remove(oldest.Head);
                handed.Add(oldest.Head.ConversationId);
                Raise(agent);
            }
        }

        return Task.FromResult<IReadOnlyList<string>>(handed);
    }

    public Task<bool> TryTakeAsync(string agentId, string siteId, string conversationId, CancellationToken ct)
    {
        lock (_gate)
        {
            var queue = Queue(siteId);
            var entry = queue.FirstOrDefault(e => e.ConversationId == conversationId);
            if (!_agents.TryGetValue(agentId, out var agent) || agent.Load >= agent.Capacity
                || !agent.SiteIds.Contains(siteId) || entry.ConversationId is null)
            {
                return Task.FromResult(false);
            }

            queue.Remove(entry);
            Raise(agent);
            return Task.FromResult(true);
        }
    }

    public Task ReleaseAsync(string agentId, CancellationToken ct)
    {
        lock (_gate)
        {
            Lower(agentId);
        }

        return Task.CompletedTask;
    }

    public Task ReturnAsync(string agentId, string siteId, string conversationId, long queuedAt, CancellationToken ct)
    {
        lock (_gate)
        {
            Lower(agentId);
            AddIfAbsent(Queue(siteId), conversationId, queuedAt);
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

    public Task<bool> IsOnlineAsync(string agentId, CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult(_agents.ContainsKey(agentId));
        }
    }

    /// <summary>One process has no lapsing presence: an agent is online until removed.</summary>
    public Task<bool> HeartbeatAsync(string agentId, CancellationToken ct) => IsOnlineAsync(agentId, ct);

    /// <summary>The state lives as long as the process, which rebuilds it at start.</summary>
    public Task<RoutingCopy> ClaimRebuildAsync(CancellationToken ct) => Task.FromResult(new RoutingCopy("process", false));

    public Task<int?> PositionAsync(string siteId, string conversationId, CancellationToken ct)
    {
        lock (_gate)
        {
            var index = Queue(siteId).Select(e => e.ConversationId).ToList().IndexOf(conversationId);
            return Task.FromResult<int?>(index < 0 ? null : index + 1);
        }
    }

    public Task<IReadOnlyList<string>> QueueAsync(string siteId, CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<string>>([.. Queue(siteId).Select(e => e.ConversationId)]);
        }
    }

    public Task<bool> TryTakeOutsideLineAsync(string agentId, string siteId, CancellationToken ct)
    {
        lock (_gate)
        {
            if (!_agents.TryGetValue(agentId, out var agent) || agent.Load >= agent.Capacity || !agent.SiteIds.Contains(siteId))
            {
                return Task.FromResult(false);
            }

            Raise(agent);
            return Task.FromResult(true);
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

            Raise(to);
            if (fromAgentId is not null && fromAgentId != toAgentId)
            {
                Lower(fromAgentId);
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

    public Task<bool> HasAvailableAgentAsync(string siteId, CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult(_agents.Values.Any(a => a.Available && a.SiteIds.Contains(siteId)));
        }
    }

    private void Raise(AgentSlot agent) =>
        _agents[agent.AgentId] = agent with { Load = agent.Load + 1, LastAssignedAt = time.NowMs() };

    private void Lower(string agentId)
    {
        if (_agents.TryGetValue(agentId, out var agent))
        {
            _agents[agentId] = agent with { Load = Math.Max(0, agent.Load - 1) };
        }
    }

    private static void AddIfAbsent(SortedSet<(long QueuedAt, string ConversationId)> queue, string conversationId, long queuedAt)
    {
        if (!queue.Any(e => e.ConversationId == conversationId))
        {
            queue.Add((queuedAt, conversationId));
        }
    }

    private SortedSet<(long QueuedAt, string ConversationId)> Queue(string siteId)
    {
        if (!_queues.TryGetValue(siteId, out var queue))
        {
            queue = [];
            _queues[siteId] = queue;
        }

        return queue;
    }
}
