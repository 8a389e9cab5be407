using Chat.AgentConsole.Port;
using Chat.Server.Agents;
using Chat.Server.Agents.Sessions;
using Chat.Server.Agents.SignIn;
using Chat.Server.Audit;
using Chat.Server.CannedReplies;
using Chat.Server.CustomerData;
using Chat.Server.Customers;
using Chat.Server.Retention;
using Chat.Server.Sites;
using Microsoft.Extensions.Options;

namespace Chat.Server.Admin;

/// <summary>
/// The server's side of the admin pages. The role is read from the database on every call, not
/// from the sign-in cookie, so a demoted admin loses access at once; and an admin reaches only
/// the sites they belong to, and the agents and replies of those sites.
/// </summary>
public sealed class AdminPort(
    AgentStore agents,
    AgentAdminStore accounts,
    RecentAgents recentAgents,
    SiteSettingsStore sites,
    CannedReplyStore cannedReplies,
    AgentPresence presence,
    WidgetConfigStore widgetConfigs,
    AgentSessions sessions,
    AgentRemoval removal,
    SignInThrottle throttle,
    AuditLog audit,
    AuditStore auditEntries,
    CustomerStore customers,
    CustomerExporter exporter,
    CustomerEraser eraser,
    RetentionStore retention,
    IOptions<ChatOptions> options,
    TimeProvider time) : IAdminPort
{
    public const string TwoFactorRequiredCode = "two_factor_required";

    /// <summary>Entries per page of the audit log.</summary>
    public const int AuditPageSize = 50;

    public Task<IReadOnlyList<SiteSettings>> GetSitesAsync(string adminId, CancellationToken ct) =>
        Guard(async () =>
        {
            await AdminAsync(adminId, ct);
            return await retention.WithRetentionAsync(await sites.ForAgentAsync(adminId, ct), ct);
        });

    public Task<SiteSettings> CreateSiteAsync(string adminId, SiteSettings site, CancellationToken ct) =>
        Guard(async () =>
        {
            await AdminAsync(adminId, ct);
            await RefuseLockingOutAsync(adminId, site, ct);
            var valid = Validated(site);
            var created = await sites.CreateAsync(adminId, valid, ct);
            await retention.SetDaysAsync(created.Id, valid.RetentionDays, ct);
            await audit.RecordAsync(await ActorAsync(adminId, ct), AuditActions.SiteCreated, [created.Id], "site", created.Id, created.Name, ct);
            return created with { RetentionDays = valid.RetentionDays };
        });

    public Task<SiteSettings> UpdateSiteAsync(string adminId, SiteSettings site, CancellationToken ct) =>
        Guard(async () =>
        {
            var mine = await MySiteIdsAsync(adminId, ct);
            if (site is null || !mine.Contains(site.Id))
            {
                throw NotFound("site");
            }

            await RefuseLockingOutAsync(adminId, site, ct);
            var valid = Validated(site);
            var saved = await sites.UpdateAsync(valid, ct);
            await retention.SetDaysAsync(saved.Id, valid.RetentionDays, ct);
            // The widget's hours are cached per site; new hours apply at once on this node.
            widgetConfigs.Forget(saved.Id);
            await audit.RecordAsync(await ActorAsync(adminId, ct), AuditActions.SiteUpdated, [saved.Id], "site", saved.Id, SiteChange(saved, valid.RetentionDays), ct);
            return saved with { RetentionDays = valid.RetentionDays };
        });

    public Task<IReadOnlyList<AgentAccount>> GetAgentsAsync(string adminId, CancellationToken ct) =>
        Guard(async () =>
        {
            var mine = await MySiteIdsAsync(adminId, ct);
            var found = await accounts.ForSitesAsync(mine, ct);
            var ids = found.Select(a => a.Agent.Id).ToList();
            var disabled = await accounts.DisabledAsync(ids, ct);
            var locked = await accounts.LockedAsync(ids, options.Value.SignIn.LockAfterFailures, time.NowMs(), ct);
            return (IReadOnlyList<AgentAccount>)[.. found.Select(a => ToAccount(a.Agent, a.SiteIds, mine) with
            {
                Disabled = disabled.Contains(a.Agent.Id),
                LockedUntil = locked.TryGetValue(a.Agent.Id, out var until) ? Clock.FromMs(until) : null,
            })];
        });

    public Task<CreatedAgent> CreateAgentAsync(string adminId, AgentAccount agent, CancellationToken ct) =>
        Guard(async () =>
        {
            var mine = await MySiteIdsAsync(adminId, ct);
            var email = AgentRules.ValidateEmail(agent?.Email);
            var (name, avatar, role, capacity, siteIds) = Validated(agent!, mine);
            if (await accounts.EmailTakenAsync(email, ct))
            {
                throw new ChatRuleException("email_taken", "An agent with this email already exists.");
            }

            var password = Passwords.Generate();
            var created = await agents.CreateAsync(email, name, password, role, capacity, siteIds, ct);
            if (avatar is not null)
            {
                await accounts.UpdateAsync(created with { AvatarUrl = avatar }, mine, siteIds, ct);
            }

            await audit.RecordAsync(await ActorAsync(adminId, ct), AuditActions.AgentCreated, siteIds, "agent", created.Id, $"{created.Name} <{created.Email}>, {role}", ct);
            return new CreatedAgent(ToAccount(created with { AvatarUrl = avatar }, siteIds, mine), password);
        });

    public Task<AgentAccount> UpdateAgentAsync(string adminId, AgentAccount agent, CancellationToken ct) =>
        Guard(async () =>
        {
            var mine = await MySiteIdsAsync(adminId, ct);
            var (existing, previousSites) = await AgentOfMySitesAsync(agent?.Id, mine, ct);
            var (name, avatar, role, capacity, siteIds) = Validated(agent!, mine);
            if (existing.Id == adminId && role != AgentRoles.Admin)
            {
                throw new ChatRuleException("cannot_demote_self", "You cannot take away your own admin role; ask another admin.");
            }

            var saved = existing with { Name = name, AvatarUrl = avatar, Role = role, Capacity = capacity };
            await accounts.UpdateAsync(saved, mine, siteIds, ct);
            if (existing.Role != role)
            {
                // A session holds the role it signed in with: the agent signs in again with the new one.
                await sessions.EndAllAsync(saved.Id, ct);
            }

            recentAgents.Forget(saved.Id);
            await presence.RefreshAsync(saved.Id, previousSites, ct);
            var (_, nowSites) = await AgentOfAnySiteAsync(saved.Id, mine, ct);
            var touched = previousSites.Concat(nowSites).Distinct(StringComparer.Ordinal).ToList();
            if (existing.Role != role)
            {
                await audit.RecordAsync(await ActorAsync(adminId, ct), AuditActions.RoleChanged, touched, "agent", saved.Id, $"{saved.Name}: {existing.Role} → {role}", ct);
            }

            await audit.RecordAsync(await ActorAsync(adminId, ct), AuditActions.AgentUpdated, touched, "agent", saved.Id,
                $"{saved.Name}, capacity {capacity}, sites {string.Join(' ', siteIds)}", ct);
            return ToAccount(saved, nowSites, mine);
        });

    public Task<string> ResetPasswordAsync(string adminId, string agentId, CancellationToken ct) =>
        Guard(async () =>
        {
            var mine = await MySiteIdsAsync(adminId, ct);
            var (agent, agentSites) = await AgentOfMySitesAsync(agentId, mine, ct);
            var password = Passwords.Generate();
            await accounts.SetPasswordAsync(agent.Id, password, ct);
            // Whoever holds a session of this agent (perhaps the reason for the reset) is out.
            await sessions.EndAllAsync(agent.Id, ct);
            await audit.RecordAsync(await ActorAsync(adminId, ct), AuditActions.PasswordReset, agentSites, "agent", agent.Id, agent.Name, ct);
            return password;
        });

    public Task<AgentAccount> SetAgentDisabledAsync(string adminId, string agentId, bool disabled, CancellationToken ct) =>
        Guard(async () =>
        {
            var mine = await MySiteIdsAsync(adminId, ct);
            var (agent, siteIds) = await AgentOfMySitesAsync(agentId, mine, ct);
            if (agent.Id == adminId)
            {
                throw new ChatRuleException("cannot_disable_self", "You cannot disable your own account; ask another admin.");
            }

            await accounts.SetDisabledAsync(agent.Id, disabled ? time.NowMs() : null, ct);
            if (disabled)
            {
                await removal.TakeOffDutyAsync(agent, ct);
            }
            else
            {
                // Read again at once, rather than when the cached "disabled" expires.
                sessions.Forget(agent.Id);
            }

            await audit.RecordAsync(await ActorAsync(adminId, ct), disabled ? AuditActions.AgentDisabled : AuditActions.AgentEnabled, siteIds, "agent", agent.Id, agent.Name, ct);

            return ToAccount(agent, siteIds, mine) with { Disabled = disabled };
        });

    public Task<AgentAccount> UnlockAgentAsync(string adminId, string agentId, CancellationToken ct) =>
        Guard(async () =>
        {
            var mine = await MySiteIdsAsync(adminId, ct);
            var (agent, siteIds) = await AgentOfMySitesAsync(agentId, mine, ct);
            await throttle.ResetAsync(agent.Id, ct);
            await audit.RecordAsync(await ActorAsync(adminId, ct), AuditActions.AgentUnlocked, siteIds, "agent", agent.Id, agent.Name, ct);
            return ToAccount(agent, siteIds, mine);
        });

    public Task DeleteAgentAsync(string adminId, string agentId, CancellationToken ct) =>
        Guard(async () =>
        {
            var mine = await MySiteIdsAsync(adminId, ct);
            var (agent, agentSites) = await AgentOfMySitesAsync(agentId, mine, ct);
            if (agent.Id == adminId)
            {
                throw new ChatRuleException("cannot_delete_self", "You cannot delete your own account; ask another admin.");
            }

            await accounts.DeleteAsync(agent.Id, time.NowMs(), ct);
            await removal.TakeOffDutyAsync(agent, ct);
            await audit.RecordAsync(await ActorAsync(adminId, ct), AuditActions.AgentDeleted, agentSites, "agent", agent.Id, agent.Name, ct);
            return true;
        });

    public Task<CannedReply> SaveCannedReplyAsync(string adminId, CannedReply reply, CancellationToken ct) =>
        Guard(async () =>
        {
            var mine = await MySiteIdsAsync(adminId, ct);
            var siteId = reply?.SiteId ?? "";
            if (!string.IsNullOrEmpty(reply?.Id))
            {
                // An existing reply stays on its site; only its own site's admins may change it.
                var existing = await cannedReplies.FindAsync(reply.Id, ct);
                if (existing is null || !mine.Contains(existing.SiteId))
                {
                    throw NotFound("canned reply");
                }

                siteId = existing.SiteId;
            }
            else if (!mine.Contains(siteId))
            {
                throw NotFound("site");
            }

            var shortcut = CannedReplyRules.ValidateShortcut(reply!.Shortcut);
            var text = CannedReplyRules.ValidateText(reply.Text);
            var saved = await cannedReplies.SaveAsync(reply.Id, siteId, shortcut, text, ct);
            return new CannedReply(saved.Id, saved.SiteId, saved.Shortcut, saved.Text);
        });

    public Task DeleteCannedReplyAsync(string adminId, string cannedReplyId, CancellationToken ct) =>
        Guard(async () =>
        {
            var mine = await MySiteIdsAsync(adminId, ct);
            var existing = string.IsNullOrEmpty(cannedReplyId) ? null : await cannedReplies.FindAsync(cannedReplyId, ct);
            if (existing is null || !mine.Contains(existing.SiteId))
            {
                throw NotFound("canned reply");
            }

            await cannedReplies.DeleteAsync(existing.Id, ct);
            return true;
        });

    public Task<AuditPage> GetAuditLogAsync(string adminId, AuditFilter filter, CancellationToken ct) =>
        Guard(async () =>
        {
            var mine = await MySiteIdsAsync(adminId, ct);
            // One more than a page tells whether an older page exists.
            var rows = await auditEntries.ReadAsync(mine, filter ?? new AuditFilter(), AuditPageSize + 1, ct);
            var page = rows.Take(AuditPageSize).Select(r => new AuditEntry(
                r.Id, Clock.FromMs(r.At), r.ActorId, r.ActorName, r.Action, r.TargetType, r.TargetId, r.Detail, r.Address)).ToList();
            return new AuditPage(page, rows.Count > AuditPageSize ? AuditStore.Cursor(rows[AuditPageSize - 1]) : null);
        });

    public Task<CustomerExport> ExportCustomerAsync(string adminId, string customerId, CancellationToken ct) =>
        Guard(async () =>
        {
            var customer = await CustomerOfMySitesAsync(adminId, customerId, ct);
            var export = await exporter.ExportAsync(customer.Id, ct) ?? throw NotFound("customer");
            await audit.RecordAsync(await ActorAsync(adminId, ct), AuditActions.CustomerExported, [customer.SiteId], "customer", customer.Id, "", ct);
            return export;
        });

    public Task EraseCustomerAsync(string adminId, string customerId, CancellationToken ct) =>
        Guard(async () =>
        {
            var customer = await CustomerOfMySitesAsync(adminId, customerId, ct);
            await eraser.EraseCustomerAsync(customer.Id, ct);
            // By id only: the log must not keep what was just erased.
            await audit.RecordAsync(await ActorAsync(adminId, ct), AuditActions.CustomerErased, [customer.SiteId], "customer", customer.Id, "", ct);
            return true;
        });

    /// <summary>A customer of one of the admin's sites; any other id looks like it does not exist.</summary>
    private async Task<Customer> CustomerOfMySitesAsync(string adminId, string? customerId, CancellationToken ct)
    {
        var mine = await MySiteIdsAsync(adminId, ct);
        var customer = string.IsNullOrEmpty(customerId) ? null : await customers.FindAsync(customerId, ct);
        return customer is not null && mine.Contains(customer.SiteId) ? customer : throw NotFound("customer");
    }

    private async Task<Agent> AdminAsync(string adminId, CancellationToken ct)
    {
        var agent = string.IsNullOrEmpty(adminId) ? null : await agents.FindAsync(adminId, ct);
        if (agent is not { Role: AgentRoles.Admin })
        {
            throw new ChatRuleException("admin_only", "Only admins can do this.");
        }

        if (await accounts.LacksRequiredTwoFactorAsync(agent.Id, ct))
        {
            throw new ChatRuleException(TwoFactorRequiredCode,
                "Your sites require admins to sign in with a second factor. Turn on two-factor sign-in first: click your name at the top of the console.");
        }

        return agent;
    }

    /// <summary>The admin as the audit log names them: read again, since one port may serve calls of several admins.</summary>
    private async Task<AuditActor> ActorAsync(string adminId, CancellationToken ct) =>
        await agents.FindAsync(adminId, ct) is { } admin ? AuditActor.Of(admin) : new AuditActor(adminId, adminId);

    /// <summary>An admin who turns the two-factor rule on must already have a second factor, or they would lock themselves out.</summary>
    private async Task RefuseLockingOutAsync(string adminId, SiteSettings? site, CancellationToken ct)
    {
        if (site is { RequireTwoFactorForAdmins: true } && !await accounts.HasTwoFactorAsync(adminId, ct))
        {
            throw new ChatRuleException(TwoFactorRequiredCode, "Turn on two-factor sign-in for yourself before you require it of this site's admins.");
        }
    }

    private async Task<IReadOnlyCollection<string>> MySiteIdsAsync(string adminId, CancellationToken ct)
    {
        await AdminAsync(adminId, ct);
        return (await agents.SiteIdsAsync(adminId, ct)).ToHashSet(StringComparer.Ordinal);
    }

    private async Task<(Agent Agent, IReadOnlyList<string> SiteIds)> AgentOfMySitesAsync(string? agentId, IReadOnlyCollection<string> mine, CancellationToken ct)
    {
        var found = string.IsNullOrEmpty(agentId) ? default : await AgentOfAnySiteAsync(agentId, mine, ct);
        return found.Agent is not null ? found : throw NotFound("agent");
    }

    private async Task<(Agent Agent, IReadOnlyList<string> SiteIds)> AgentOfAnySiteAsync(string agentId, IReadOnlyCollection<string> mine, CancellationToken ct) =>
        (await accounts.ForSitesAsync(mine, ct)).FirstOrDefault(a => a.Agent.Id == agentId);

    private static SiteSettings Validated(SiteSettings site)
    {
        if (site is null)
        {
            throw new ChatRuleException("site_name_invalid", "A site needs a name.");
        }

        var timeZone = SiteRules.ValidateTimeZone(site.TimeZone);
        return site with
        {
            Name = SiteRules.ValidateName(site.Name),
            AllowedOrigins = SiteRules.ValidateOrigins(site.AllowedOrigins),
            Color = SiteRules.ValidateColor(site.Color),
            Greeting = SiteRules.ValidateGreeting(site.Greeting),
            Thresholds = SiteRules.ValidateThresholds(site.Thresholds),
            BusinessHours = SiteRules.ValidateBusinessHours(site.BusinessHours, timeZone),
            TimeZone = timeZone,
            ComplaintHours = SiteRules.ValidateComplaintHours(site.ComplaintHours),
            ReviewUrl = SiteRules.ValidateReviewUrl(site.ReviewUrl),
            RetentionDays = RetentionStore.ValidateDays(site.RetentionDays),
        };
    }

    private static (string Name, string? Avatar, string Role, int Capacity, IReadOnlyList<string> SiteIds) Validated(AgentAccount agent, IReadOnlyCollection<string> mine)
    {
        var siteIds = (agent.SiteIds ?? []).Distinct(StringComparer.Ordinal).ToList();
        if (siteIds.Count == 0 || siteIds.Any(s => !mine.Contains(s)))
        {
            throw new ChatRuleException("agent_sites_invalid", "Choose at least one of your sites for the agent to answer.");
        }

        return (AgentRules.ValidateName(agent.Name), AgentRules.ValidateAvatarUrl(agent.AvatarUrl), AgentRules.ValidateRole(agent.Role),
            AgentRules.ValidateCapacity(agent.Capacity), siteIds);
    }

    /// <summary>Only the sites this admin manages are shown: membership of others' sites is not theirs to see.</summary>
    private static AgentAccount ToAccount(Agent agent, IReadOnlyList<string> siteIds, IReadOnlyCollection<string> mine) =>
        new(agent.Id, agent.Email, agent.Name, agent.AvatarUrl, agent.Role, (int)agent.Capacity, [.. siteIds.Where(mine.Contains)]);

    /// <summary>The settings that matter most to an audit: who may embed, privacy and security rules.</summary>
    private static string SiteChange(SiteSettings site, int? retentionDays) =>
        $"{site.Name}: origins {string.Join(' ', site.AllowedOrigins)}; two-factor for admins {(site.RequireTwoFactorForAdmins ? "on" : "off")}; " +
        $"private data masked {(site.MaskPrivateData ? "on" : "off")}; retention {(retentionDays is { } days ? $"{days} days" : "off")}";

    private static ChatRuleException NotFound(string what) => new("not_found", $"This {what} does not exist or is not yours.");

    private static async Task<T> Guard<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (ChatRuleException e)
        {
            throw new ConsoleActionException(e.Code, e.Message);
        }
    }
}
