using Chat.Server.Storage;
using Dapper;

namespace Chat.Server.Customers;

public sealed class CustomerStore(Database database)
{
    /// <summary>A visit is a return after this long away.</summary>
    private const long NewVisitAfterMs = 30 * 60 * 1000;

    private const string Columns = "id, site_id AS SiteId, name, email, first_seen AS FirstSeen, last_seen AS LastSeen, visits";

    public async Task<Customer> CreateAsync(string siteId, string name, string? email, string tokenHash, CancellationToken ct)
    {
        var now = Clock.NowMs();
        var customer = new Customer(Ids.New(), siteId, name, email, now, now, 1);
        await database.RunAsync((c, token) => c.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO customers (id, site_id, name, email, token_hash, first_seen, last_seen, visits)
            VALUES (@Id, @SiteId, @Name, @Email, @tokenHash, @FirstSeen, @LastSeen, @Visits);
            """,
            new { customer.Id, customer.SiteId, customer.Name, customer.Email, tokenHash, customer.FirstSeen, customer.LastSeen, customer.Visits },
            cancellationToken: token)), ct);
        return customer;
    }

    public Task<Customer?> FindByTokenAsync(string siteId, string tokenHash, CancellationToken ct) =>
        database.RunAsync((c, token) => c.QuerySingleOrDefaultAsync<Customer>(new CommandDefinition(
            $"SELECT {Columns} FROM customers WHERE token_hash = @tokenHash AND site_id = @siteId;",
            new { tokenHash, siteId }, cancellationToken: token)), ct);

    public Task<Customer?> FindAsync(string id, CancellationToken ct) =>
        database.RunAsync((c, token) => c.QuerySingleOrDefaultAsync<Customer>(new CommandDefinition(
            $"SELECT {Columns} FROM customers WHERE id = @id;", new { id }, cancellationToken: token)), ct);

    /// <summary>Records that the visitor is here now, counting a new visit after a long absence.</summary>
    public Task TouchAsync(string id, CancellationToken ct)
    {
        var now = Clock.NowMs();
        return database.RunAsync((c, token) => c.ExecuteAsync(new CommandDefinition(
            """
            UPDATE customers
            SET visits = visits + CASE WHEN last_seen < @now - @gap THEN 1 ELSE 0 END, last_seen = @now
            WHERE id = @id;
            """,
            new { id, now, gap = NewVisitAfterMs }, cancellationToken: token)), ct);
    }
}
