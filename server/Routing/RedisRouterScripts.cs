namespace Chat.Server.Routing;

/// <summary>
/// The routing decisions as Lua, so Redis runs each as one atomic step whatever the number of
/// nodes. Keys are built inside the scripts from the routing prefix, given as KEYS[1] (so Redis
/// Cluster sends the script to the shard of the <c>{routing}</c> slot) and again as ARGV[1].
/// Every key built from it carries the same hash tag, so no script crosses slots.
/// </summary>
internal static class RedisRouterScripts
{
    /// <summary>The agent with room of a site, least loaded, then idle longest, then lowest id; nil when none.</summary>
    private const string PickAgent =
        """
        local function pick(prefix, site)
          local best, bestLoad, bestLast
          for _, id in ipairs(redis.call('SMEMBERS', prefix .. 'site-agents:' .. site)) do
            local a = redis.call('HMGET', prefix .. 'agent:' .. id, 'capacity', 'load', 'available', 'last')
            if a[1] and a[3] == '1' and redis.call('EXISTS', prefix .. 'presence:' .. id) == 1 then
              local cap, load, last = tonumber(a[1]), tonumber(a[2]), tonumber(a[4] or '0')
              if load < cap and (best == nil or load < bestLoad
                  or (load == bestLoad and (last < bestLast or (last == bestLast and id < best)))) then
                best, bestLoad, bestLast = id, load, last
              end
            end
          end
          return best
        end
        """;

    /// <summary>ARGV: routing prefix, site, conversation, queuedAt, now. Returns the agent id, or nil when queued.</summary>
    public const string AssignOrEnqueue = PickAgent + "\n" +
        """
        local prefix, site, conversation = ARGV[1], ARGV[2], ARGV[3]
        local queue = prefix .. 'queue:' .. site
        local agent = nil
        if redis.call('ZCARD', queue) == 0 then agent = pick(prefix, site) end
        if agent == nil then
          redis.call('ZADD', queue, 'NX', ARGV[4], conversation)
          return false
        end
        redis.call('HINCRBY', prefix .. 'agent:' .. agent, 'load', 1)
        redis.call('HSET', prefix .. 'agent:' .. agent, 'last', ARGV[5])
        return agent
        """;

    /// <summary>ARGV: routing prefix, agent, now. Hands the agent the oldest waiting conversations of their sites while they have room.</summary>
    public const string Drain =
        """
        local prefix, id = ARGV[1], ARGV[2]
        local key = prefix .. 'agent:' .. id
        local a = redis.call('HMGET', key, 'capacity', 'load', 'available', 'sites')
        if not a[1] or a[3] ~= '1' or redis.call('EXISTS', prefix .. 'presence:' .. id) == 0 then return {} end
        local cap, load = tonumber(a[1]), tonumber(a[2])
        local handed = {}
        while load < cap do
          local bestQueue, bestMember, bestScore
          for site in string.gmatch(a[4] or '', '%S+') do
            local queue = prefix .. 'queue:' .. site
            local head = redis.call('ZRANGE', queue, 0, 0, 'WITHSCORES')
            if head[1] and (bestScore == nil or tonumber(head[2]) < bestScore) then
              bestQueue, bestMember, bestScore = queue, head[1], tonumber(head[2])
            end
          end
          if bestQueue == nil then break end
          redis.call('ZREM', bestQueue, bestMember)
          load = load + 1
          table.insert(handed, bestMember)
        end
        if #handed > 0 then redis.call('HSET', key, 'load', load, 'last', ARGV[3]) end
        return handed
        """;

    /// <summary>ARGV: routing prefix, agent, site, conversation, now. 1 when taken.</summary>
    public const string Take =
        """
        local prefix, id, site, conversation = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
        local key = prefix .. 'agent:' .. id
        local a = redis.call('HMGET', key, 'capacity', 'load')
        if not a[1] or tonumber(a[2]) >= tonumber(a[1]) then return 0 end
        if redis.call('SISMEMBER', prefix .. 'site-agents:' .. site, id) == 0 then return 0 end
        if redis.call('ZREM', prefix .. 'queue:' .. site, conversation) == 0 then return 0 end
        redis.call('HINCRBY', key, 'load', 1)
        redis.call('HSET', key, 'last', ARGV[5])
        return 1
        """;

    /// <summary>ARGV: routing prefix, agent. Load drops by one, never below zero.</summary>
    public const string Release =
        """
        local key = ARGV[1] .. 'agent:' .. ARGV[2]
        if redis.call('HEXISTS', key, 'load') == 1 and redis.call('HINCRBY', key, 'load', -1) < 0 then
          redis.call('HSET', key, 'load', 0)
        end
        return 1
        """;

    /// <summary>ARGV: routing prefix, agent, capacity, load, available, sites (space-separated), ttl seconds.</summary>
    public const string SetAgent =
        """
        local prefix, id = ARGV[1], ARGV[2]
        local key = prefix .. 'agent:' .. id
        for site in string.gmatch(redis.call('HGET', key, 'sites') or '', '%S+') do
          redis.call('SREM', prefix .. 'site-agents:' .. site, id)
        end
        redis.call('HSET', key, 'capacity', ARGV[3], 'load', ARGV[4], 'available', ARGV[5], 'sites', ARGV[6])
        redis.call('HSETNX', key, 'last', 0)
        for site in string.gmatch(ARGV[6], '%S+') do
          redis.call('SADD', prefix .. 'site-agents:' .. site, id)
        end
        redis.call('SET', prefix .. 'presence:' .. id, '1', 'EX', ARGV[7])
        return 1
        """;

    /// <summary>
    /// ARGV: routing prefix, agent, ttl seconds. 1 when refreshed; 0 when Redis no longer knows
    /// the agent (it restarted) or their presence had lapsed (routing passed them over meanwhile).
    /// </summary>
    public const string Heartbeat =
        """
        if redis.call('EXISTS', ARGV[1] .. 'agent:' .. ARGV[2]) == 0 then return 0 end
        local lived = redis.call('EXISTS', ARGV[1] .. 'presence:' .. ARGV[2])
        redis.call('SET', ARGV[1] .. 'presence:' .. ARGV[2], '1', 'EX', ARGV[3])
        return lived
        """;

    /// <summary>ARGV: routing prefix, agent, site, now. 1 when the agent belongs to the site, has room, and took a conversation that never queued.</summary>
    public const string TakeOutsideLine =
        """
        local prefix, id, site = ARGV[1], ARGV[2], ARGV[3]
        local key = prefix .. 'agent:' .. id
        local a = redis.call('HMGET', key, 'capacity', 'load')
        if not a[1] or tonumber(a[2]) >= tonumber(a[1]) then return 0 end
        if redis.call('SISMEMBER', prefix .. 'site-agents:' .. site, id) == 0 then return 0 end
        redis.call('HINCRBY', key, 'load', 1)
        redis.call('HSET', key, 'last', ARGV[4])
        return 1
        """;

    /// <summary>ARGV: routing prefix, site. 1 when an agent of the site is online and not away.</summary>
    public const string AnyAvailable =
        """
        local prefix = ARGV[1]
        for _, id in ipairs(redis.call('SMEMBERS', prefix .. 'site-agents:' .. ARGV[2])) do
          if redis.call('HGET', prefix .. 'agent:' .. id, 'available') == '1'
             and redis.call('EXISTS', prefix .. 'presence:' .. id) == 1 then
            return 1
          end
        end
        return 0
        """;

    /// <summary>
    /// ARGV: routing prefix, site, to agent, from agent ('' when none), now. The new agent must be online,
    /// available, of the site and below capacity; their load rises and the old agent's drops, in one step.
    /// </summary>
    public const string HandOver =
        """
        local prefix, site, to, from = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
        local key = prefix .. 'agent:' .. to
        local a = redis.call('HMGET', key, 'capacity', 'load', 'available')
        if not a[1] or a[3] ~= '1' or tonumber(a[2]) >= tonumber(a[1]) then return 0 end
        if redis.call('EXISTS', prefix .. 'presence:' .. to) == 0 then return 0 end
        if redis.call('SISMEMBER', prefix .. 'site-agents:' .. site, to) == 0 then return 0 end
        redis.call('HINCRBY', key, 'load', 1)
        redis.call('HSET', key, 'last', ARGV[5])
        if from ~= '' and from ~= to then
          local fromKey = prefix .. 'agent:' .. from
          if redis.call('HEXISTS', fromKey, 'load') == 1 and redis.call('HINCRBY', fromKey, 'load', -1) < 0 then
            redis.call('HSET', fromKey, 'load', 0)
          end
        end
        return 1
        """;

    /// <summary>
    /// KEYS: the state marker. Returns {copy, 1} when this Redis's replication id (the copy) was
    /// not the one recorded: rebuild here; {copy, 0} otherwise. Read in the script, so the check
    /// and the record are one step, and the id is the primary's that runs it.
    /// </summary>
    public const string ClaimRebuild =
        """
        local copy = string.match(redis.call('INFO', 'replication'), 'master_replid:(%w+)')
        if redis.call('GET', KEYS[1]) == copy then return {copy, 0} end
        redis.call('SET', KEYS[1], copy)
        return {copy, 1}
        """;
}
