namespace Chat.Server.Redis;

/// <summary>Every Redis key and channel name, built in one place (docs/scaling.md lists what each holds).</summary>
public sealed class RedisKeys(string prefix)
{
    public string Prefix { get; } = prefix;

    /// <summary>HASH capacity, load, available (1/0), last (ms of last assignment), sites (space-separated).</summary>
    public string Agent(string agentId) => $"{Prefix}agent:{agentId}";

    /// <summary>STRING with a TTL, refreshed by the node(s) holding the agent's consoles; gone means offline.</summary>
    public string Presence(string agentId) => $"{Prefix}presence:{agentId}";

    /// <summary>SET of the agent ids of a site.</summary>
    public string SiteAgents(string siteId) => $"{Prefix}site-agents:{siteId}";

    /// <summary>ZSET of waiting conversation ids scored by when they started.</summary>
    public string Queue(string siteId) => $"{Prefix}queue:{siteId}";

    /// <summary>STRING present while Redis holds routing state; missing means it restarted empty.</summary>
    public string StateMarker => $"{Prefix}state";

    /// <summary>Pub/sub channel carrying a bus channel's events between nodes.</summary>
    public string Channel(string busChannel) => $"{Prefix}{busChannel}";
}
