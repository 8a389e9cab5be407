namespace Chat.Server.Routing;

/// <summary>An agent as routing sees them.</summary>
public sealed record AgentSlot(string AgentId, IReadOnlySet<string> SiteIds, int Capacity, int Load, bool Available, long LastAssignedAt);

/// <summary>The routing rule, kept pure so it can be tested alone.</summary>
public static class AgentPicker
{
    /// <summary>
    /// The least-loaded available agent of the site with room left; ties go to whoever has
    /// waited longest since their last chat, then to the lowest id so the choice is stable.
    /// </summary>
    public static AgentSlot? Pick(IEnumerable<AgentSlot> agents, string siteId) =>
        agents
            .Where(a => a.Available && a.Load < a.Capacity && a.SiteIds.Contains(siteId))
            .OrderBy(a => a.Load)
            .ThenBy(a => a.LastAssignedAt)
            .ThenBy(a => a.AgentId, StringComparer.Ordinal)
            .FirstOrDefault();
}
