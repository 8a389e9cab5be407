using System.Text.Json;
using Chat.Server.Storage;
using Dapper;

namespace Chat.Server.CustomAttributes;

public sealed record AttributeDefinition(string Name, string Type);

public sealed record StoredAttribute(string CustomerId, string Name, string Type, string Value);

/// <summary>Declared attributes per site and customers' values of them.</summary>
public sealed class AttributeStore(Database database, TimeProvider time)
{
    public Task<IReadOnlyList<AttributeDefinition>> DefinitionsAsync(string siteId, CancellationToken ct) =>
        database.RunAsync<IReadOnlyList<AttributeDefinition>>(async (c, token) => (await c.QueryAsync<AttributeDefinition>(new CommandDefinition(
            "SELECT name, type FROM attribute_definitions WHERE site_id = @siteId ORDER BY name;", new { siteId }, cancellationToken: token))).AsList(), ct);

    /// <summary>Declares or changes the type; a change of type drops the values stored in the old one.</summary>
    public Task DeclareAsync(string siteId, string name, string type, CancellationToken ct) =>
        database.RunAsync(async (c, token) =>
        {
            await using var tx = await c.BeginTransactionAsync(token);
            var existing = await c.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
                "SELECT type FROM attribute_definitions WHERE site_id = @siteId AND name = @name;", new { siteId, name }, tx, cancellationToken: token));
            if (existing is null)
            {
                await c.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO attribute_definitions (site_id, name, type, created_at) VALUES (@siteId, @name, @type, @now);",
                    new { siteId, name, type, now = time.NowMs() }, tx, cancellationToken: token));
            }
            else if (existing != type)
            {
                await c.ExecuteAsync(new CommandDefinition(
                    "UPDATE attribute_definitions SET type = @type WHERE site_id = @siteId AND name = @name;", new { siteId, name, type }, tx, cancellationToken: token));
                await DeleteValuesAsync(c, tx, siteId, name, token);
            }

            await tx.CommitAsync(token);
        }, ct);

    public Task RemoveAsync(string siteId, string name, CancellationToken ct) =>
        database.RunAsync(async (c, token) =>
        {
            await using var tx = await c.BeginTransactionAsync(token);
            await DeleteValuesAsync(c, tx, siteId, name, token);
            await c.ExecuteAsync(new CommandDefinition(
                "DELETE FROM attribute_definitions WHERE site_id = @siteId AND name = @name;", new { siteId, name }, tx, cancellationToken: token));
            await tx.CommitAsync(token);
        }, ct);

    public async Task<ILookup<string, StoredAttribute>> ValuesAsync(IReadOnlyCollection<string> customerIds, CancellationToken ct)
    {
        if (customerIds.Count == 0)
        {
            return Array.Empty<StoredAttribute>().ToLookup(a => a.CustomerId);
        }

        var rows = await database.RunAsync((c, token) => c.QueryAsync<StoredAttribute>(new CommandDefinition(
            $"""
            SELECT v.customer_id AS CustomerId, v.name, d.type, v.value
            FROM customer_attributes v
            JOIN customers cu ON cu.id = v.customer_id
            JOIN attribute_definitions d ON d.site_id = cu.site_id AND d.name = v.name
            WHERE {database.Dialect.InList("v.customer_id", "@ids")}
            ORDER BY v.name;
            """, new { ids = customerIds.Distinct().ToArray() }, cancellationToken: token)), ct);
        return rows.ToLookup(r => r.CustomerId);
    }

    public async Task<IReadOnlyDictionary<string, JsonElement>> ForCustomerAsync(string customerId, CancellationToken ct) =>
        (await ForCustomersAsync([customerId], ct)).GetValueOrDefault(customerId) ?? new Dictionary<string, JsonElement>();

    /// <summary>Each customer's values as JSON of their declared type; customers without any are absent.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, JsonElement>>> ForCustomersAsync(IReadOnlyCollection<string> customerIds, CancellationToken ct)
    {
        var values = await ValuesAsync(customerIds, ct);
        return values.ToDictionary(
            g => g.Key,
            g => (IReadOnlyDictionary<string, JsonElement>)g.ToDictionary(a => a.Name, a => AttributeRules.FromStored(a.Type, a.Value)));
    }

    /// <summary>Sets the values given and removes those given as null, in one transaction.</summary>
    public Task SetAsync(string customerId, IReadOnlyDictionary<string, string?> values, CancellationToken ct) =>
        database.RunAsync(async (c, token) =>
        {
            var now = time.NowMs();
            await using var tx = await c.BeginTransactionAsync(token);
            foreach (var (name, value) in values)
            {
                await c.ExecuteAsync(new CommandDefinition(
                    "DELETE FROM customer_attributes WHERE customer_id = @customerId AND name = @name;", new { customerId, name }, tx, cancellationToken: token));
                if (value is not null)
                {
                    await c.ExecuteAsync(new CommandDefinition(
                        "INSERT INTO customer_attributes (customer_id, name, value, updated_at) VALUES (@customerId, @name, @value, @now);",
                        new { customerId, name, value, now }, tx, cancellationToken: token));
                }
            }

            await tx.CommitAsync(token);
        }, ct);

    private static Task DeleteValuesAsync(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction tx, string siteId, string name, CancellationToken token) =>
        c.ExecuteAsync(new CommandDefinition(
            "DELETE FROM customer_attributes WHERE name = @name AND customer_id IN (SELECT id FROM customers WHERE site_id = @siteId);",
            new { siteId, name }, tx, cancellationToken: token));
}
