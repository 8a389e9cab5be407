using Chat.AgentConsole.Port;

namespace Chat.AgentConsole.Admin;

/// <summary>An agent as their form edits them.</summary>
public sealed class AgentForm
{
    public string Id { get; set; } = "";

    public string Email { get; set; } = "";

    public string Name { get; set; } = "";

    public string? AvatarUrl { get; set; }

    public string Role { get; set; } = "agent";

    public int Capacity { get; set; } = 3;

    public HashSet<string> SiteIds { get; } = new(StringComparer.Ordinal);

    public bool IsNew => Id.Length == 0;

    /// <summary>Shown, not edited here: the page's own button disables or enables.</summary>
    public bool Disabled { get; set; }

    /// <summary>Shown, not edited here: the page's Unlock button lifts it.</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    public static AgentForm From(AgentAccount agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var form = new AgentForm
        {
            Id = agent.Id,
            Email = agent.Email,
            Name = agent.Name,
            AvatarUrl = agent.AvatarUrl,
            Role = agent.Role,
            Capacity = agent.Capacity,
            Disabled = agent.Disabled,
            LockedUntil = agent.LockedUntil,
        };
        form.SiteIds.UnionWith(agent.SiteIds);
        return form;
    }

    public AgentAccount ToAccount() => new(Id, Email, Name, AvatarUrl, Role, Capacity, [.. SiteIds]);

    public void Toggle(string siteId, bool on)
    {
        if (on)
        {
            SiteIds.Add(siteId);
        }
        else
        {
            SiteIds.Remove(siteId);
        }
    }
}
