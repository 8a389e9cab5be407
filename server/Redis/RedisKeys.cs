namespace Chat.Server.Redis;

/// <summary>
/// Every Redis key and channel name, built in one place (docs/scaling.md lists what each holds).
/// On Redis Cluster a Lua script may only touch keys of one hash slot. Routing decisions read
/// and change agents and queues of several sites at once (an agent serves several sites with one
/// capacity, and takes the oldest waiting chat of any of them), so all routing state shares one
/// hash tag, <c>{routing}</c>, and lives on one shard. Routing runs a few commands per
/// conversation, not per message; what grows with the messages (pub/sub and rate limits) is
/// spread over the shards by its own name.
/// </summary>
public sealed class RedisKeys(string prefix)
{
    public string Prefix { get; } = prefix;

    /// <summary>What every routing key starts with; the Lua scripts build their keys from it.</summary>
    public string Routing => $"{Prefix}{{routing}}:";

    /// <summary>HASH capacity, load, available (1/0), last (ms of last assignment), sites (space-separated).</summary>
    public string Agent(string agentId) => $"{Routing}agent:{agentId}";

    /// <summary>STRING with a TTL, refreshed by the node(s) holding the agent's consoles; gone means offline.</summary>
    public string Presence(string agentId) => $"{Routing}presence:{agentId}";

    /// <summary>SET of the agent ids of a site.</summary>
    public string SiteAgents(string siteId) => $"{Routing}site-agents:{siteId}";

    /// <summary>ZSET of waiting conversation ids scored by when they started.</summary>
    public string Queue(string siteId) => $"{Routing}queue:{siteId}";

    /// <summary>
    /// STRING naming the Redis data set that holds routing state (its replication id); missing or
    /// different means Redis restarted empty or a replica took over, and the lines are rebuilt.
    /// </summary>
    public string StateMarker => $"{Routing}state";

    /// <summary>ZSET of a subject's recent hits; each subject its own slot.</summary>
    public string RateLimit(string subject) => $"{Prefix}limit:{subject}";

    /// <summary>Sharded pub/sub channel carrying a bus channel's events between nodes.</summary>
    public string Channel(string busChannel) => $"{Prefix}{busChannel}";
}
