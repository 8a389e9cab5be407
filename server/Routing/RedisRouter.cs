using Chat.Server.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Chat.Server.Routing;

/// <summary>
/// Routing shared by every node through Redis. Decisions that read and change several keys run
/// as one Lua script (see <see cref="RedisRouterScripts"/>), so two nodes can never hand out the
/// same visitor or push an agent past capacity.
/// </summary>
public sealed class RedisRouter(RedisConnection redis, IOptions<ChatOptions> options, TimeProvider time) : IChatRouter
{
    private readonly RedisKeys _keys = new(redis.KeyPrefix);
    private readonly int _presenceTtl = options.Value.Routing.PresenceTtlSeconds;

    public async Task<string?> AssignOrEnqueueAsync(string siteId, string conversationId, long queuedAt, CancellationToken ct)
    {
        var result = await EvalAsync(RedisRouterScripts.AssignOrEnqueue, ct, siteId, conversationId, queuedAt, time.NowMs());
        return result.IsNull ? null : (string?)result;
    }

    public Task EnqueueIfAbsentAsync(string siteId, string conversationId, long queuedAt, CancellationToken ct) =>
        redis.RunAsync(db => db.SortedSetAddAsync(_keys.Queue(siteId), conversationId, queuedAt, When.NotExists), ct);

    public async Task<IReadOnlyList<string>> DrainForAgentAsync(string agentId, CancellationToken ct)
    {
        var result = await EvalAsync(RedisRouterScripts.Drain, ct, agentId, time.NowMs());
        return result.IsNull ? [] : [.. ((RedisResult[])result!).Select(r => (string)r!)];
    }

    public async Task<bool> TryTakeAsync(string agentId, string siteId, string conversationId, CancellationToken ct) =>
        (int)await EvalAsync(RedisRouterScripts.Take, ct, agentId, siteId, conversationId, time.NowMs()) == 1;

    public async Task<bool> TryTakeOutsideLineAsync(string agentId, string siteId, CancellationToken ct) =>
        (int)await EvalAsync(RedisRouterScripts.TakeOutsideLine, ct, agentId, siteId, time.NowMs()) == 1;

    public async Task<bool> HasAvailableAgentAsync(string siteId, CancellationToken ct) =>
        (int)await EvalAsync(RedisRouterScripts.AnyAvailable, ct, siteId) == 1;

    public async Task<bool> TryHandOverAsync(string siteId, string toAgentId, string? fromAgentId, CancellationToken ct) =>
        (int)await EvalAsync(RedisRouterScripts.HandOver, ct, siteId, toAgentId, fromAgentId ?? "", time.NowMs()) == 1;

    /// <summary>The site's agents that are online (a live presence), as routing sees them now.</summary>
    public Task<IReadOnlyList<AgentSlot>> AgentsAsync(string siteId, CancellationToken ct) =>
        redis.RunAsync<IReadOnlyList<AgentSlot>>(async db =>
        {
            var slots = new List<AgentSlot>();
            foreach (var member in await db.SetMembersAsync(_keys.SiteAgents(siteId)))
            {
                var agentId = (string)member!;
                var fields = await db.HashGetAsync(_keys.Agent(agentId), ["capacity", "load", "available", "last", "sites"]);
                if (fields[0].IsNull || !await db.KeyExistsAsync(_keys.Presence(agentId)))
                {
                    continue;
                }

                slots.Add(new AgentSlot(agentId, ((string)fields[4]!).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal),
                    (int)fields[0], (int)fields[1], (int)fields[2] == 1, fields[3].IsNull ? 0 : (long)fields[3]));
            }

            return slots;
        }, ct);

    public Task ReleaseAsync(string agentId, CancellationToken ct) => EvalAsync(RedisRouterScripts.Release, ct, agentId);

    public async Task ReturnAsync(string agentId, string siteId, string conversationId, long queuedAt, CancellationToken ct)
    {
        await ReleaseAsync(agentId, ct);
        await EnqueueIfAbsentAsync(siteId, conversationId, queuedAt, ct);
    }

    public Task SetAgentAsync(AgentSlot agent, CancellationToken ct) =>
        EvalAsync(RedisRouterScripts.SetAgent, ct, agent.AgentId, agent.Capacity, agent.Load, agent.Available ? 1 : 0,
            string.Join(' ', agent.SiteIds), _presenceTtl);

    public Task SetAvailableAsync(string agentId, bool available, CancellationToken ct) =>
        redis.RunAsync(async db =>
        {
            // Only an agent Redis still knows; one it forgot registers afresh on the next heartbeat.
            if (await db.KeyExistsAsync(_keys.Agent(agentId)))
            {
                await db.HashSetAsync(_keys.Agent(agentId), "available", available ? 1 : 0);
            }

            return true;
        }, ct);

    public Task RemoveAgentAsync(string agentId, CancellationToken ct) =>
        redis.RunAsync(async db =>
        {
            await db.KeyDeleteAsync(_keys.Presence(agentId));
            await db.HashSetAsync(_keys.Agent(agentId), "available", 0);
            return true;
        }, ct);

    public Task<bool> IsOnlineAsync(string agentId, CancellationToken ct) =>
        redis.RunAsync(db => db.KeyExistsAsync(_keys.Presence(agentId)), ct);

    public async Task<bool> HeartbeatAsync(string agentId, CancellationToken ct) =>
        (int)await EvalAsync(RedisRouterScripts.Heartbeat, ct, agentId, _presenceTtl) == 1;

    /// <summary>
    /// The marker names the Redis data set that holds routing state: the replication id of the
    /// primary serving the routing slot. A Redis that restarted empty, or a replica promoted by a
    /// failover, has a new one; the node that records it first rebuilds the lines.
    /// </summary>
    public async Task<RoutingCopy> ClaimRebuildAsync(CancellationToken ct)
    {
        var result = (RedisResult[])(await redis.RunAsync(db => db.ScriptEvaluateAsync(RedisRouterScripts.ClaimRebuild, [(RedisKey)_keys.StateMarker]), ct))!;
        return new RoutingCopy((string)result[0]!, (int)result[1] == 1);
    }

    public async Task<int?> PositionAsync(string siteId, string conversationId, CancellationToken ct)
    {
        var rank = await redis.RunAsync(db => db.SortedSetRankAsync(_keys.Queue(siteId), conversationId), ct);
        return rank is null ? null : (int)rank.Value + 1;
    }

    public async Task<IReadOnlyList<string>> QueueAsync(string siteId, CancellationToken ct)
    {
        var members = await redis.RunAsync(db => db.SortedSetRangeByRankAsync(_keys.Queue(siteId)), ct);
        return [.. members.Select(m => (string)m!)];
    }

    private Task<RedisResult> EvalAsync(string script, CancellationToken ct, params object[] args) =>
        redis.RunAsync(db => db.ScriptEvaluateAsync(script, [(RedisKey)_keys.Routing], values:
            [_keys.Routing, .. args.Select(a => a switch
            {
                string s => (RedisValue)s,
                long l => (RedisValue)l,
                int i => (RedisValue)i,
                _ => (RedisValue)a.ToString(),
            })]), ct);
}
