using Chat.Server.Storage;
using Dapper;

namespace Chat.Server.Agents;

/// <summary>The SQL behind the admins' agent pages.</summary>
public sealed class AgentAdminStore(Database database, PasswordPolicy? passwords = null)
{
    /// <summary>Agents who belong to any of these sites, with all their sites.</summary>
    public async Task<IReadOnlyList<(Agent Agent, IReadOnlyList<string> SiteIds)>> ForSitesAsync(IReadOnlyCollection<string> siteIds, CancellationToken ct)
    {
        if (siteIds.Count == 0)
        {
            return [];
        }

        var sites = siteIds.ToArray();
        return await database.RunAsync<IReadOnlyList<(Agent Agent, IReadOnlyList<string> SiteIds)>>(async (c, token) =>
        {
            var agents = (await c.QueryAsync<Agent>(new CommandDefinition(
                $"""
                SELECT a.id, a.email, a.name, a.role, a.capacity, a.avatar_url AS AvatarUrl FROM agents a
                WHERE EXISTS (SELECT 1 FROM site_agents sa WHERE sa.agent_id = a.id AND {database.Dialect.InList("sa.site_id", "@sites")})
                ORDER BY a.name, a.id;
                """,
                new { sites }, cancellationToken: token))).AsList();
            if (agents.Count == 0)
            {
                return [];
            }

            var ids = agents.Select(a => a.Id).ToArray();
            var memberships = (await c.QueryAsync<(string AgentId, string SiteId)>(new CommandDefinition(
                $"SELECT agent_id, site_id FROM site_agents WHERE {database.Dialect.InList("agent_id", "@ids")};",
                new { ids }, cancellationToken: token))).ToLookup(m => m.AgentId, m => m.SiteId);
            return [.. agents.Select(a => (a, (IReadOnlyList<string>)[.. memberships[a.Id]]))];
        }, ct);
    }

    public async Task<bool> EmailTakenAsync(string email, CancellationToken ct) =>
        await database.RunAsync((c, token) => c.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM agents WHERE email = @email;", new { email }, cancellationToken: token)), ct) > 0;

    /// <summary>
    /// Saves an agent's details and their membership of the sites the admin manages; memberships
    /// of other sites, which this admin cannot see, are left as they are. One transaction, so a
    /// retry starts again from the top.
    /// </summary>
    public Task UpdateAsync(Agent agent, IReadOnlyCollection<string> managedSiteIds, IReadOnlyCollection<string> memberOf, CancellationToken ct)
    {
        var managed = managedSiteIds.ToArray();
        var sites = memberOf.ToArray();
        return database.RunAsync(async (c, token) =>
        {
            await using var tx = await c.BeginTransactionAsync(token);
            await c.ExecuteAsync(new CommandDefinition(
                "UPDATE agents SET name = @Name, avatar_url = @AvatarUrl, role = @Role, capacity = @Capacity WHERE id = @Id;",
                agent, tx, cancellationToken: token));
            if (managed.Length > 0)
            {
                await c.ExecuteAsync(new CommandDefinition(
                    $"DELETE FROM site_agents WHERE agent_id = @Id AND {database.Dialect.InList("site_id", "@managed")};",
                    new { agent.Id, managed }, tx, cancellationToken: token));
            }

            foreach (var siteId in sites)
            {
                await c.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO site_agents (site_id, agent_id) VALUES (@siteId, @Id);", new { siteId, agent.Id }, tx, cancellationToken: token));
            }

            await tx.CommitAsync(token);
        }, ct);
    }

    /// <summary>Which of these agents are disabled.</summary>
    public async Task<IReadOnlySet<string>> DisabledAsync(IReadOnlyCollection<string> agentIds, CancellationToken ct)
    {
        if (agentIds.Count == 0)
        {
            return new HashSet<string>();
        }

        var ids = agentIds.ToArray();
        return await database.RunAsync<IReadOnlySet<string>>(async (c, token) => (await c.QueryAsync<string>(new CommandDefinition(
            $"SELECT id FROM agents WHERE disabled_at IS NOT NULL AND {database.Dialect.InList("id", "@ids")};",
            new { ids }, cancellationToken: token))).ToHashSet(StringComparer.Ordinal), ct);
    }

    /// <summary>Which of these agents are locked after too many wrong passwords, and until when.</summary>
    public async Task<IReadOnlyDictionary<string, long>> LockedAsync(IReadOnlyCollection<string> agentIds, int lockAfter, long now, CancellationToken ct)
    {
        if (agentIds.Count == 0)
        {
            return new Dictionary<string, long>();
        }

        var ids = agentIds.ToArray();
        return await database.RunAsync<IReadOnlyDictionary<string, long>>(async (c, token) => (await c.QueryAsync<(string Id, long LockedUntil)>(new CommandDefinition(
            $"SELECT id, locked_until FROM agents WHERE failed_sign_ins >= @lockAfter AND locked_until > @now AND {database.Dialect.InList("id", "@ids")};",
            new { ids, lockAfter, now }, cancellationToken: token))).ToDictionary(r => r.Id, r => r.LockedUntil, StringComparer.Ordinal), ct);
    }

    /// <summary>Whether the agent has no second factor although a site of theirs requires one of its admins.</summary>
    public async Task<bool> LacksRequiredTwoFactorAsync(string agentId, CancellationToken ct) =>
        await database.RunAsync((c, token) => c.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            SELECT COUNT(*) FROM agents a
            WHERE a.id = @agentId AND a.totp_secret IS NULL
              AND EXISTS (SELECT 1 FROM site_agents sa JOIN sites s ON s.id = sa.site_id WHERE sa.agent_id = a.id AND s.require_two_factor = 1);
            """,
            new { agentId }, cancellationToken: token)), ct) > 0;

    public async Task<bool> HasTwoFactorAsync(string agentId, CancellationToken ct) =>
        await database.RunAsync((c, token) => c.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM agents WHERE id = @agentId AND totp_secret IS NOT NULL;", new { agentId }, cancellationToken: token)), ct) > 0;

    public Task SetDisabledAsync(string agentId, long? disabledAt, CancellationToken ct) =>
        database.RunAsync((c, token) => c.ExecuteAsync(new CommandDefinition(
            "UPDATE agents SET disabled_at = @disabledAt WHERE id = @agentId;", new { agentId, disabledAt }, cancellationToken: token)), ct);

    /// <summary>
    /// Keeps the row, since conversations and notes refer to it and their transcripts show the
    /// name; forgets the email (freed for a new account), password, two-factor and memberships.
    /// </summary>
    public Task DeleteAsync(string agentId, long now, CancellationToken ct) =>
        database.RunAsync(async (c, token) =>
        {
            await using var tx = await c.BeginTransactionAsync(token);
            await c.ExecuteAsync(new CommandDefinition(
                """
                UPDATE agents SET deleted_at = @now, disabled_at = @now, email = @email, password_hash = '', avatar_url = NULL,
                  totp_secret = NULL, totp_pending_secret = NULL WHERE id = @agentId;
                """,
                new { agentId, now, email = $"deleted-{agentId}@invalid" }, tx, cancellationToken: token));
            await c.ExecuteAsync(new CommandDefinition("DELETE FROM site_agents WHERE agent_id = @agentId;", new { agentId }, tx, cancellationToken: token));
            await c.ExecuteAsync(new CommandDefinition("DELETE FROM agent_recovery_codes WHERE agent_id = @agentId;", new { agentId }, tx, cancellationToken: token));
            await tx.CommitAsync(token);
        }, ct);

    public Task SetPasswordAsync(string agentId, string password, CancellationToken ct)
    {
        var hash = (passwords ?? PasswordPolicy.Default).Hash(password);
        return database.RunAsync((c, token) => c.ExecuteAsync(new CommandDefinition(
            "UPDATE agents SET password_hash = @hash, failed_sign_ins = 0, locked_until = NULL WHERE id = @agentId;",
            new { agentId, hash }, cancellationToken: token)), ct);
    }
}
