namespace Chat.AgentConsole.Tests.Fakes;

/// <summary>An in-memory admin port that refuses unknown canned-reply variables the way the server does.</summary>
public sealed class FakeAdminPort : IAdminPort
{
    public List<SiteSettings> Sites { get; } =
    [
        new("site-1", "key-1", "Shoe Shop", ["https://shoes.test"], "#4f46e5", "Hi!", WaitThresholds.Default),
    ];

    public List<AgentAccount> Agents { get; } =
    [
        new("agent-1", "alice@example.test", "Alice Agent", null, "admin", 3, ["site-1"]),
        new("agent-2", "bob@example.test", "Bob Baker", null, "agent", 2, ["site-1"]),
    ];

    public List<CannedReply> Replies { get; } = [];

    public List<string> PasswordResets { get; } = [];

    public Task<IReadOnlyList<SiteSettings>> GetSitesAsync(string adminId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<SiteSettings>>(Sites.ToList());

    public Task<SiteSettings> CreateSiteAsync(string adminId, SiteSettings site, CancellationToken ct)
    {
        var created = site with { Id = $"site-{Sites.Count + 1}", SiteKey = $"key-{Sites.Count + 1}" };
        Sites.Add(created);
        return Task.FromResult(created);
    }

    public Task<SiteSettings> UpdateSiteAsync(string adminId, SiteSettings site, CancellationToken ct)
    {
        if (site.Thresholds.Warn >= site.Thresholds.Urgent)
        {
            throw new ConsoleActionException("thresholds_invalid", "The amber wait must be shorter than the red one.");
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(site.TimeZone, out _))
        {
            throw new ConsoleActionException("time_zone_invalid", $"“{site.TimeZone}” is not a known time zone.");
        }

        Sites[Sites.FindIndex(s => s.Id == site.Id)] = site;
        return Task.FromResult(site);
    }

    public Task<IReadOnlyList<AgentAccount>> GetAgentsAsync(string adminId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<AgentAccount>>(Agents.ToList());

    public Task<CreatedAgent> CreateAgentAsync(string adminId, AgentAccount agent, CancellationToken ct)
    {
        var created = agent with { Id = $"agent-{Agents.Count + 1}" };
        Agents.Add(created);
        return Task.FromResult(new CreatedAgent(created, "first-password-123"));
    }

    public Task<AgentAccount> UpdateAgentAsync(string adminId, AgentAccount agent, CancellationToken ct)
    {
        Agents[Agents.FindIndex(a => a.Id == agent.Id)] = agent;
        return Task.FromResult(agent);
    }

    public Task<string> ResetPasswordAsync(string adminId, string agentId, CancellationToken ct)
    {
        PasswordResets.Add(agentId);
        return Task.FromResult("new-password-456");
    }

    public Task<AgentAccount> SetAgentDisabledAsync(string adminId, string agentId, bool disabled, CancellationToken ct)
    {
        var index = Agents.FindIndex(a => a.Id == agentId);
        Agents[index] = Agents[index] with { Disabled = disabled };
        return Task.FromResult(Agents[index]);
    }

    public Task DeleteAgentAsync(string adminId, string agentId, CancellationToken ct)
    {
        Agents.RemoveAll(a => a.Id == agentId);
        return Task.CompletedTask;
    }

    public Task<AgentAccount> UnlockAgentAsync(string adminId, string agentId, CancellationToken ct)
    {
        var index = Agents.FindIndex(a => a.Id == agentId);
        Agents[index] = Agents[index] with { LockedUntil = null };
        return Task.FromResult(Agents[index]);
    }

    public Task<CannedReply> SaveCannedReplyAsync(string adminId, CannedReply reply, CancellationToken ct)
    {
        var unknown = CannedTemplate.UnknownVariables(reply.Text);
        if (unknown.Count > 0)
        {
            throw new ConsoleActionException("canned_variable_unknown", $"Unknown variable {{{{{unknown[0]}}}}}.");
        }

        var saved = reply with { Id = string.IsNullOrEmpty(reply.Id) ? $"r{Replies.Count + 1}" : reply.Id, Shortcut = reply.Shortcut.TrimStart('/') };
        Replies.RemoveAll(r => r.Id == saved.Id);
        Replies.Add(saved);
        return Task.FromResult(saved);
    }

    public Task DeleteCannedReplyAsync(string adminId, string cannedReplyId, CancellationToken ct)
    {
        Replies.RemoveAll(r => r.Id == cannedReplyId);
        return Task.CompletedTask;
    }

    /// <summary>The log, newest first, as the server would return it.</summary>
    public List<AuditEntry> AuditEntries { get; } = [];

    public int AuditPageSize { get; set; } = 50;

    public List<AuditFilter> AuditQueries { get; } = [];

    public List<string> Exported { get; } = [];

    public List<string> Erased { get; } = [];

    public Task<AuditPage> GetAuditLogAsync(string adminId, AuditFilter filter, CancellationToken ct)
    {
        AuditQueries.Add(filter);
        var matching = AuditEntries
            .Where(e => filter.ActorId is null || e.ActorId == filter.ActorId)
            .Where(e => filter.Action is null || e.Action == filter.Action)
            .Where(e => filter.From is null || e.At >= filter.From)
            .Where(e => filter.To is null || e.At < filter.To)
            .SkipWhile(e => filter.Before is not null && e.Id != filter.Before)
            .Skip(filter.Before is null ? 0 : 1)
            .ToList();
        var page = matching.Take(AuditPageSize).ToList();
        return Task.FromResult(new AuditPage(page, matching.Count > AuditPageSize ? page[^1].Id : null));
    }

    public Task<CustomerExport> ExportCustomerAsync(string adminId, string customerId, CancellationToken ct)
    {
        Exported.Add(customerId);
        return Task.FromResult(new CustomerExport($"customer-{customerId}", $"{{\"id\":\"{customerId}\"}}", $"Conversations of {customerId}"));
    }

    public Task EraseCustomerAsync(string adminId, string customerId, CancellationToken ct)
    {
        Erased.Add(customerId);
        return Task.CompletedTask;
    }
}
