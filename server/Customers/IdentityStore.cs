using Chat.Server.Storage;
using Dapper;

namespace Chat.Server.Customers;

/// <summary>
/// Customers the shop vouched for: found by the shop's own id, and reachable from several
/// browsers, each with a token of its own.
/// </summary>
public sealed class IdentityStore(Database database, CustomerStore customers, TimeProvider time)
{
    public const int MaxExternalIdLength = 200;

    public async Task<Customer?> FindByExternalIdAsync(string siteId, string externalId, CancellationToken ct)
    {
        var id = await database.RunAsync((c, token) => c.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT id FROM customers WHERE site_id = @siteId AND external_id = @externalId;",
            new { siteId, externalId }, cancellationToken: token)), ct);
        return id is null ? null : await customers.FindAsync(id, ct);
    }

    /// <summary>The shop's id for this customer, if the shop has vouched for one.</summary>
    public Task<string?> ExternalIdAsync(string customerId, CancellationToken ct) =>
        database.RunAsync((c, token) => c.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT external_id FROM customers WHERE id = @customerId;", new { customerId }, cancellationToken: token)), ct);

    /// <summary>Links an anonymous customer to the shop's id; false when another customer already has it.</summary>
    public async Task<bool> LinkAsync(string customerId, string externalId, CancellationToken ct)
    {
        try
        {
            return await database.RunAsync(async (c, token) => await c.ExecuteAsync(new CommandDefinition(
            """
            UPDATE customers SET external_id = @externalId
            WHERE id = @customerId AND external_id IS NULL
              AND NOT EXISTS (SELECT 1 FROM customers o WHERE o.site_id = customers.site_id AND o.external_id = @externalId);
            """,
            new { customerId, externalId }, cancellationToken: token)) == 1, ct);
        }
        catch (Exception e) when (SqlDialect.IsUniqueViolation(e))
        {
            // Another browser linked the same id in the meantime.
            return false;
        }
    }

    /// <summary>
    /// A new customer with the shop's id. Two browsers of the same customer may race here:
    /// the unique index lets one win, and the other gets the winner.
    /// </summary>
    public async Task<Customer> CreateAsync(string siteId, string externalId, string name, string? email, string tokenHash, CancellationToken ct)
    {
        var now = time.NowMs();
        int inserted;
        try
        {
            inserted = await database.RunAsync((c, token) => c.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO customers (id, site_id, name, email, token_hash, first_seen, last_seen, visits, external_id)
                SELECT @id, @siteId, @name, @email, @tokenHash, @now, @now, 1, @externalId
                WHERE NOT EXISTS (SELECT 1 FROM customers WHERE site_id = @siteId AND external_id = @externalId);
                """,
                new { id = Ids.New(), siteId, name, email, tokenHash, now, externalId }, cancellationToken: token)), ct);
        }
        catch (Exception e) when (SqlDialect.IsUniqueViolation(e))
        {
            inserted = 0;
        }

        if (inserted == 0)
        {
            var winner = await FindByExternalIdAsync(siteId, externalId, ct) ?? throw new InvalidOperationException("A customer vanished while being created.");
            await AddDeviceAsync(winner.Id, tokenHash, ct);
            return winner;
        }

        return (await FindByExternalIdAsync(siteId, externalId, ct))!;
    }

    /// <summary>Another browser for this customer.</summary>
    public Task AddDeviceAsync(string customerId, string tokenHash, CancellationToken ct) =>
        database.RunAsync((c, token) => c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO visitor_devices (token_hash, customer_id, created_at) VALUES (@tokenHash, @customerId, @now);",
            new { tokenHash, customerId, now = time.NowMs() }, cancellationToken: token)), ct);
}
