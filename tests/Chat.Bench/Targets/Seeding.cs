using Chat.Bench.Hosting;
using Chat.Server;
using Chat.Server.Agents;
using Chat.Server.Customers;
using Dapper;

namespace Chat.Bench.Targets;

/// <summary>
/// Accounts for a run, written straight into the server's database in one transaction each:
/// setting up thousands of agents and visitors is not what the bench measures. Everything
/// else (sign-in, connections, conversations, messages) goes through the server.
/// </summary>
public static class Seeding
{
    public const string AgentPassword = "bench-agent-password";

    // Sign-in honours the iteration count stored with each hash; 1,000 instead of 600,000 keeps
    // thousands of sign-ins from taking minutes of CPU before the measurement starts.
    private const int CheapIterations = 1_000;

    /// <summary>Agents of the site with room for one chat each, so every conversation goes to its own agent. Returns their emails.</summary>
    public static async Task<IReadOnlyList<string>> AddAgentsAsync(IBenchDatabase database, string siteKey, int count, CancellationToken ct)
    {
        var batch = Ids.New()[..8];
        var hash = Passwords.Hash(AgentPassword, CheapIterations);
        var now = TimeProvider.System.NowMs();
        var emails = new List<string>(count);
        await using var connection = await database.OpenAsync(ct);
        var siteId = await SiteIdAsync(connection, siteKey, ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        for (var i = 0; i < count; i++)
        {
            var id = Ids.New();
            var email = $"agent-{batch}-{i}@bench.test";
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO agents (id, email, name, password_hash, role, capacity, created_at) VALUES (@id, @email, @name, @hash, @role, 1, @now);
                INSERT INTO site_agents (site_id, agent_id) VALUES (@siteId, @id);
                """,
                new { id, email, name = $"Agent {i}", hash, role = AgentRoles.Agent, now, siteId }, tx, cancellationToken: ct));
            emails.Add(email);
        }

        await tx.CommitAsync(ct);
        return emails;
    }

    /// <summary>Visitors of the site, as the pre-chat form would make them. Returns their tokens.</summary>
    public static async Task<IReadOnlyList<string>> AddVisitorsAsync(IBenchDatabase database, string siteKey, int count, CancellationToken ct)
    {
        var now = TimeProvider.System.NowMs();
        var tokens = new List<string>(count);
        await using var connection = await database.OpenAsync(ct);
        var siteId = await SiteIdAsync(connection, siteKey, ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        for (var i = 0; i < count; i++)
        {
            var token = VisitorTokens.New();
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO customers (id, site_id, name, email, token_hash, first_seen, last_seen, visits)
                VALUES (@id, @siteId, @name, NULL, @hash, @now, @now, 1);
                """,
                new { id = Ids.New(), siteId, name = $"Visitor {i}", hash = VisitorTokens.Hash(token), now }, tx, cancellationToken: ct));
            tokens.Add(token);
        }

        await tx.CommitAsync(ct);
        return tokens;
    }

    public static async Task<long> CountMessagesAsync(IBenchDatabase database, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM messages;", cancellationToken: ct));
    }

    private static Task<string> SiteIdAsync(System.Data.Common.DbConnection connection, string siteKey, CancellationToken ct) =>
        connection.QuerySingleAsync<string>(new CommandDefinition("SELECT id FROM sites WHERE site_key = @siteKey;", new { siteKey }, cancellationToken: ct));
}
