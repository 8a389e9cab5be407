using Chat.Server.Customers;
using Chat.Server.Storage;
using Dapper;

namespace Chat.Server.Conversations;

/// <summary>
/// Labels on a conversation ("complaint", "shipping", "refund"): what this chat was about, apart
/// from the customer's own tags. Unique per conversation in any letter case, as customer tags are.
/// </summary>
public sealed class ConversationTags(Database database, TimeProvider time)
{
    public const int MaxTagsPerConversation = 20;

    public Task<IReadOnlyList<string>> ListAsync(string conversationId, CancellationToken ct) =>
        database.RunAsync<IReadOnlyList<string>>(async (c, token) => (await c.QueryAsync<string>(new CommandDefinition(
            "SELECT tag FROM conversation_tags WHERE conversation_id = @conversationId ORDER BY created_at, tag;",
            new { conversationId }, cancellationToken: token))).AsList(), ct);

    /// <summary>Adds the tag unless the conversation has it already; true when it was new.</summary>
    public async Task<bool> AddAsync(string conversationId, string tag, CancellationToken ct)
    {
        var valid = CustomerTags.Validate(tag);
        var now = time.NowMs();
        try
        {
            return await database.RunAsync(async (c, token) =>
            {
                await using var tx = await c.BeginTransactionAsync(token);
                var count = await c.ExecuteScalarAsync<long>(new CommandDefinition(
                    "SELECT COUNT(*) FROM conversation_tags WHERE conversation_id = @conversationId;", new { conversationId }, tx, cancellationToken: token));
                if (count >= MaxTagsPerConversation)
                {
                    throw new ChatRuleException("too_many_tags", $"A conversation can have at most {MaxTagsPerConversation} tags.");
                }

                var inserted = await c.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO conversation_tags (conversation_id, tag, created_at)
                    SELECT @conversationId, @valid, @now
                    WHERE NOT EXISTS (SELECT 1 FROM conversation_tags WHERE conversation_id = @conversationId AND LOWER(tag) = LOWER(@valid));
                    """,
                    new { conversationId, valid, now }, tx, cancellationToken: token));
                await tx.CommitAsync(token);
                return inserted == 1;
            }, ct);
        }
        catch (Exception e) when (SqlDialect.IsUniqueViolation(e))
        {
            // Another agent added the same tag at the same moment.
            return false;
        }
    }

    public Task RemoveAsync(string conversationId, string tag, CancellationToken ct) =>
        database.RunAsync((c, token) => c.ExecuteAsync(new CommandDefinition(
            "DELETE FROM conversation_tags WHERE conversation_id = @conversationId AND LOWER(tag) = LOWER(@tag);",
            new { conversationId, tag = (tag ?? "").Trim() }, cancellationToken: token)), ct);
}
