using Chat.Server.Storage;
using Dapper;

namespace Chat.Server.Customers;

/// <summary>
/// Short labels agents put on a customer ("vip", "wholesale"), kept with the customer. A tag is
/// unique per customer in any letter case: the code compares case-insensitively, and a unique
/// index catches a racing writer.
/// </summary>
public sealed class CustomerTags(Database database, TimeProvider time)
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

    public Task<IReadOnlyList<string>> ListAsync(string customerId, CancellationToken ct) =>
        database.RunAsync<IReadOnlyList<string>>(async (c, token) => (await c.QueryAsync<string>(new CommandDefinition(
            "SELECT tag FROM customer_tags WHERE customer_id = @customerId ORDER BY created_at, tag;",
            new { customerId }, cancellationToken: token))).AsList(), ct);

    /// <summary>Adds the tag unless the customer has it already (in any letter case).</summary>
    public async Task<IReadOnlyList<string>> AddAsync(string customerId, string tag, CancellationToken ct)
    {
        var valid = Validate(tag);
        var now = time.NowMs();
        try
        {
            await database.RunAsync(async (c, token) =>
            {
                await using var tx = await c.BeginTransactionAsync(token);
                var count = await c.ExecuteScalarAsync<long>(new CommandDefinition(
                    "SELECT COUNT(*) FROM customer_tags WHERE customer_id = @customerId;", new { customerId }, tx, cancellationToken: token));
                if (count >= MaxTagsPerCustomer)
                {
                    throw new ChatRuleException("too_many_tags", $"A customer can have at most {MaxTagsPerCustomer} tags.");
                }

                await c.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO customer_tags (customer_id, tag, created_at)
                    SELECT @customerId, @valid, @now
                    WHERE NOT EXISTS (SELECT 1 FROM customer_tags WHERE customer_id = @customerId AND LOWER(tag) = LOWER(@valid));
                    """,
                    new { customerId, valid, now }, tx, cancellationToken: token));
                await tx.CommitAsync(token);
            }, ct);
        }
        catch (Exception e) when (SqlDialect.IsUniqueViolation(e))
        {
            // Another agent added the same tag at the same moment: the customer has it.
        }

        return await ListAsync(customerId, ct);
    }

    public async Task<IReadOnlyList<string>> RemoveAsync(string customerId, string tag, CancellationToken ct)
    {
        await database.RunAsync((c, token) => c.ExecuteAsync(new CommandDefinition(
            "DELETE FROM customer_tags WHERE customer_id = @customerId AND LOWER(tag) = LOWER(@tag);",
            new { customerId, tag = (tag ?? "").Trim() }, cancellationToken: token)), ct);
        return await ListAsync(customerId, ct);
    }
}
