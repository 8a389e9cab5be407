using Chat.Server.Storage;
using Dapper;

namespace Chat.Server.Customers;

/// <summary>Short labels agents put on a customer ("vip", "wholesale"), kept with the customer.</summary>
public sealed class CustomerTags(Database database)
{
    public const int MaxTagLength = 30;
    public const int MaxTagsPerCustomer = 20;

    public static string Validate(string? tag)
    {
        var trimmed = (tag ?? "").Trim();
        if (trimmed.Length == 0 || trimmed.Length > MaxTagLength || trimmed.Any(char.IsControl))
        {
            throw new ChatRuleException("tag_invalid", $"A tag is 1 to {MaxTagLength} characters of text.");
        }

        return trimmed;
    }

    public async Task<IReadOnlyList<string>> ListAsync(string customerId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT tag FROM customer_tags WHERE customer_id = @customerId ORDER BY created_at, tag;",
            new { customerId }, cancellationToken: ct))).AsList();
    }

    /// <summary>Adds the tag unless the customer has it already (in any letter case).</summary>
    public async Task<IReadOnlyList<string>> AddAsync(string customerId, string tag, CancellationToken ct)
    {
        var valid = Validate(tag);
        await using (var connection = await database.OpenAsync(ct))
        {
            await using var tx = await connection.BeginTransactionAsync(ct);
            var count = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM customer_tags WHERE customer_id = @customerId;", new { customerId }, tx, cancellationToken: ct));
            if (count >= MaxTagsPerCustomer)
            {
                throw new ChatRuleException("too_many_tags", $"A customer can have at most {MaxTagsPerCustomer} tags.");
            }

            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO customer_tags (customer_id, tag, created_at) VALUES (@customerId, @valid, @now) ON CONFLICT (customer_id, tag) DO NOTHING;",
                new { customerId, valid, now = Clock.NowMs() }, tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
        }

        return await ListAsync(customerId, ct);
    }

    public async Task<IReadOnlyList<string>> RemoveAsync(string customerId, string tag, CancellationToken ct)
    {
        await using (var connection = await database.OpenAsync(ct))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM customer_tags WHERE customer_id = @customerId AND tag = @tag;",
                new { customerId, tag = (tag ?? "").Trim() }, cancellationToken: ct));
        }

        return await ListAsync(customerId, ct);
    }
}
