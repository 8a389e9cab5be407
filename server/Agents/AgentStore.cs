using Chat.Server.Storage;
using Dapper;

namespace Chat.Server.Agents;

public sealed class AgentStore(Database database)
{
    private const string Columns = "id, email, name, role, capacity, avatar_url AS AvatarUrl";

    /// <summary>The agent whose email and password match, or null. Takes the same time whether or not the email exists.</summary>
    public async Task<Agent?> CheckCredentialsAsync(string email, string password, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<(string Id, string PasswordHash)>(new CommandDefinition(
            "SELECT id, password_hash FROM agents WHERE email = @email;", new { email = email.Trim() }, cancellationToken: ct));
        var matches = Passwords.Verify(password, row.PasswordHash ?? TimingDecoy);
        return row.Id is not null && matches ? await FindAsync(row.Id, ct) : null;
    }

    private static readonly string TimingDecoy = Passwords.Hash(Passwords.Generate());

    public async Task<Agent?> FindAsync(string id, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<Agent>(new CommandDefinition(
            $"SELECT {Columns} FROM agents WHERE id = @id;", new { id }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<string>> SiteIdsAsync(string agentId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT site_id FROM site_agents WHERE agent_id = @agentId;", new { agentId }, cancellationToken: ct))).AsList();
    }

    public async Task<bool> AnyAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM agents;", cancellationToken: ct)) > 0;
    }

    public async Task<Agent> CreateAsync(string email, string name, string password, string role, int capacity, IEnumerable<string> siteIds, CancellationToken ct)
    {
        var agent = new Agent(Ids.New(), email.Trim(), name.Trim(), role, capacity);
        await using var connection = await database.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO agents (id, email, name, password_hash, role, capacity, created_at) VALUES (@Id, @Email, @Name, @hash, @Role, @Capacity, @now);",
            new { agent.Id, agent.Email, agent.Name, hash = Passwords.Hash(password), agent.Role, agent.Capacity, now = Clock.NowMs() }, tx, cancellationToken: ct));
        foreach (var siteId in siteIds)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO site_agents (site_id, agent_id) VALUES (@siteId, @agentId);", new { siteId, agentId = agent.Id }, tx, cancellationToken: ct));
        }

        await tx.CommitAsync(ct);
        return agent;
    }
}
