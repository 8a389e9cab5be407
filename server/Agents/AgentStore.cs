using Chat.Server.Storage;
using Dapper;

namespace Chat.Server.Agents;

public sealed class AgentStore(Database database, TimeProvider time, PasswordPolicy? passwords = null)
{
    private const string Columns = "id, email, name, role, capacity, avatar_url AS AvatarUrl";

    private readonly PasswordPolicy _passwords = passwords ?? PasswordPolicy.Default;

    // Checked when the email is unknown, at the same cost as a real hash, so the answer takes as long.
    private readonly Lazy<string> _timingDecoy = new(() => (passwords ?? PasswordPolicy.Default).Hash(Passwords.Generate()));

    /// <summary>Emails compare case-insensitively on every database because they are stored lower-cased.</summary>
    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    /// <summary>The agent whose email and password match, or null. Takes the same time whether or not the email exists.</summary>
    public async Task<Agent?> CheckCredentialsAsync(string email, string password, CancellationToken ct)
    {
        var row = await database.RunAsync((c, token) => c.QuerySingleOrDefaultAsync<(string Id, string PasswordHash)>(new CommandDefinition(
            "SELECT id, password_hash FROM agents WHERE email = @email AND deleted_at IS NULL;", new { email = NormalizeEmail(email) }, cancellationToken: token)), ct);
        var matches = Passwords.Verify(password, row.PasswordHash ?? _timingDecoy.Value);
        if (row.Id is null || !matches)
        {
            return null;
        }

        if (_passwords.NeedsRehash(row.PasswordHash!))
        {
            // The one moment the password is known: raise an older, cheaper hash to today's cost.
            var hash = _passwords.Hash(password);
            await database.RunAsync((c, token) => c.ExecuteAsync(new CommandDefinition(
                "UPDATE agents SET password_hash = @hash WHERE id = @Id AND password_hash = @PasswordHash;",
                new { hash, row.Id, row.PasswordHash }, cancellationToken: token)), ct);
        }

        return await FindAsync(row.Id, ct);
    }

    public Task<Agent?> FindAsync(string id, CancellationToken ct) =>
        database.RunAsync((c, token) => c.QuerySingleOrDefaultAsync<Agent>(new CommandDefinition(
            $"SELECT {Columns} FROM agents WHERE id = @id;", new { id }, cancellationToken: token)), ct);

    public Task<IReadOnlyList<string>> SiteIdsAsync(string agentId, CancellationToken ct) =>
        database.RunAsync<IReadOnlyList<string>>(async (c, token) => (await c.QueryAsync<string>(new CommandDefinition(
            "SELECT site_id FROM site_agents WHERE agent_id = @agentId;", new { agentId }, cancellationToken: token))).AsList(), ct);

    /// <summary>The site's admins who can still sign in: whom a notice about the site goes to.</summary>
    public Task<IReadOnlyList<Agent>> AdminsOfSiteAsync(string siteId, CancellationToken ct) =>
        database.RunAsync<IReadOnlyList<Agent>>(async (c, token) => (await c.QueryAsync<Agent>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM agents a
            WHERE a.role = 'admin' AND a.disabled_at IS NULL AND a.deleted_at IS NULL
              AND EXISTS (SELECT 1 FROM site_agents sa WHERE sa.agent_id = a.id AND sa.site_id = @siteId)
            ORDER BY a.email;
            """, new { siteId }, cancellationToken: token))).AsList(), ct);

    public Task<bool> AnyAsync(CancellationToken ct) =>
        database.RunAsync(async (c, token) => await c.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM agents;", cancellationToken: token)) > 0, ct);

    public async Task<Agent> CreateAsync(string email, string name, string password, string role, int capacity, IEnumerable<string> siteIds, CancellationToken ct)
    {
        var agent = new Agent(Ids.New(), NormalizeEmail(email), name.Trim(), role, capacity);
        var hash = _passwords.Hash(password);
        var sites = siteIds.ToList();
        await database.RunAsync(async (c, token) =>
        {
            await using var tx = await c.BeginTransactionAsync(token);
            await c.ExecuteAsync(new CommandDefinition(
                "INSERT INTO agents (id, email, name, password_hash, role, capacity, created_at) VALUES (@Id, @Email, @Name, @hash, @Role, @Capacity, @now);",
                new { agent.Id, agent.Email, agent.Name, hash, agent.Role, agent.Capacity, now = time.NowMs() }, tx, cancellationToken: token));
            foreach (var siteId in sites)
            {
                await c.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO site_agents (site_id, agent_id) VALUES (@siteId, @agentId);", new { siteId, agentId = agent.Id }, tx, cancellationToken: token));
            }

            await tx.CommitAsync(token);
        }, ct);
        return agent;
    }
}
