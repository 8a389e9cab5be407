using Chat.Server.Storage;
using Dapper;

namespace Chat.Server.Agents;

/// <summary>The SQL behind the admins' agent pages.</summary>
public sealed class AgentAdminStore(Database database)
{
    /// <summary>Agents who belong to any of these sites, with all their sites.</summary>
    public async Task<IReadOnlyList<(Agent Agent, IReadOnlyList<string> SiteIds)>> ForSitesAsync(IReadOnlyCollection<string> siteIds, CancellationToken ct)
    {
        if (siteIds.Count == 0)
        {
            return [];
        }

        await using var connection = await database.OpenAsync(ct);
        var agents = (await connection.QueryAsync<Agent>(new CommandDefinition(
            """
            SELECT a.id, a.email, a.name, a.role, a.capacity, a.avatar_url AS AvatarUrl FROM agents a
            WHERE EXISTS (SELECT 1 FROM site_agents sa WHERE sa.agent_id = a.id AND sa.site_id IN @siteIds)
            ORDER BY a.name, a.id;
            """,
            new { siteIds }, cancellationToken: ct))).AsList();
        var memberships = (await connection.QueryAsync<(string AgentId, string SiteId)>(new CommandDefinition(
            "SELECT agent_id, site_id FROM site_agents WHERE agent_id IN @ids;",
            new { ids = agents.Select(a => a.Id).ToList() }, cancellationToken: ct))).ToLookup(m => m.AgentId, m => m.SiteId);
        return [.. agents.Select(a => (a, (IReadOnlyList<string>)[.. memberships[a.Id]]))];
    }

    public async Task<bool> EmailTakenAsync(string email, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM agents WHERE email = @email;", new { email }, cancellationToken: ct)) > 0;
    }

    /// <summary>
    /// Saves an agent's details and their membership of the sites the admin manages; memberships
    /// of other sites, which this admin cannot see, are left as they are.
    /// </summary>
    public async Task UpdateAsync(Agent agent, IReadOnlyCollection<string> managedSiteIds, IReadOnlyCollection<string> memberOf, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE agents SET name = @Name, avatar_url = @AvatarUrl, role = @Role, capacity = @Capacity WHERE id = @Id;",
            agent, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM site_agents WHERE agent_id = @Id AND site_id IN @managedSiteIds;",
            new { agent.Id, managedSiteIds }, tx, cancellationToken: ct));
        foreach (var siteId in memberOf)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO site_agents (site_id, agent_id) VALUES (@siteId, @Id);", new { siteId, agent.Id }, tx, cancellationToken: ct));
        }

        await tx.CommitAsync(ct);
    }

    public async Task SetPasswordAsync(string agentId, string password, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE agents SET password_hash = @hash WHERE id = @agentId;",
            new { agentId, hash = Passwords.Hash(password) }, cancellationToken: ct));
    }
}
