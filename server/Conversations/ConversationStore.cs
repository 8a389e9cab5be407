using System.Data.Common;
using Chat.Server.Storage;
using Dapper;

namespace Chat.Server.Conversations;

/// <summary>All SQL about conversations and their messages.</summary>
public sealed class ConversationStore(Database database)
{
    private const string Select =
        """
        SELECT c.id, c.site_id AS SiteId, c.customer_id AS CustomerId, c.agent_id AS AgentId, a.name AS AgentName,
               c.status, c.created_at AS CreatedAt, c.assigned_at AS AssignedAt, c.first_response_at AS FirstResponseAt,
               c.resolved_at AS ResolvedAt, c.rating, c.rating_comment AS RatingComment, c.last_seq AS LastSeq
        FROM conversations c LEFT JOIN agents a ON a.id = c.agent_id
        """;

    private const string MessageColumns =
        "conversation_id AS ConversationId, seq, client_id AS ClientId, sender, sender_id AS SenderId, sender_name AS SenderName, text, created_at AS CreatedAt";

    public async Task<ConversationRow> CreateAsync(string siteId, string customerId, CancellationToken ct)
    {
        var id = Ids.New();
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO conversations (id, site_id, customer_id, status, created_at) VALUES (@id, @siteId, @customerId, @status, @now);",
            new { id, siteId, customerId, status = ConversationStatus.Queued, now = Clock.NowMs() }, cancellationToken: ct));
        return (await FindAsync(connection, id, ct))!;
    }

    public async Task<ConversationRow?> FindAsync(string id, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await FindAsync(connection, id, ct);
    }

    private static Task<ConversationRow?> FindAsync(DbConnection connection, string id, CancellationToken ct, DbTransaction? tx = null) =>
        connection.QuerySingleOrDefaultAsync<ConversationRow>(new CommandDefinition($"{Select} WHERE c.id = @id;", new { id }, tx, cancellationToken: ct));

    public async Task<ConversationRow?> LatestForCustomerAsync(string customerId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.QueryFirstOrDefaultAsync<ConversationRow>(new CommandDefinition(
            $"{Select} WHERE c.customer_id = @customerId ORDER BY c.created_at DESC, c.id DESC LIMIT 1;",
            new { customerId }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<ConversationRow>> ForCustomerAsync(string customerId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return (await connection.QueryAsync<ConversationRow>(new CommandDefinition(
            $"{Select} WHERE c.customer_id = @customerId ORDER BY c.created_at DESC, c.id DESC;",
            new { customerId }, cancellationToken: ct))).AsList();
    }

    public async Task<IReadOnlyList<ConversationRow>> OpenForAgentAsync(string agentId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return (await connection.QueryAsync<ConversationRow>(new CommandDefinition(
            $"{Select} WHERE c.agent_id = @agentId AND c.status = @open ORDER BY c.created_at;",
            new { agentId, open = ConversationStatus.Open }, cancellationToken: ct))).AsList();
    }

    public async Task<IReadOnlyList<ConversationRow>> QueuedAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return (await connection.QueryAsync<ConversationRow>(new CommandDefinition(
            $"{Select} WHERE c.status = @queued ORDER BY c.created_at, c.id;",
            new { queued = ConversationStatus.Queued }, cancellationToken: ct))).AsList();
    }

    /// <summary>
    /// Commits a message and gives it the conversation's next sequence number, in one
    /// transaction. A retry with a client id already stored returns the stored message and
    /// writes nothing, so senders can retry freely.
    /// </summary>
    public async Task<(MessageRow Message, bool Duplicate)> AppendAsync(string conversationId, Author author, string clientId, string text, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        // Immediate: take the write lock first, so reading last_seq and bumping it cannot interleave.
        await using var tx = await connection.BeginTransactionAsync(ct);

        var existing = await FindMessageAsync(connection, tx, conversationId, clientId, ct);
        if (existing is not null)
        {
            return (existing, true);
        }

        var conversation = await FindAsync(connection, conversationId, ct, tx) ?? throw MessageRules.NotYours();
        if (conversation.Status == ConversationStatus.Resolved)
        {
            throw new ChatRuleException("conversation_closed", "This conversation has been resolved; start a new one to write again.");
        }

        var now = Clock.NowMs();
        var seq = await connection.QuerySingleAsync<long>(new CommandDefinition(
            """
            UPDATE conversations
            SET last_seq = last_seq + 1,
                first_response_at = CASE WHEN @isAgent = 1 AND first_response_at IS NULL THEN @now ELSE first_response_at END
            WHERE id = @conversationId
            RETURNING last_seq;
            """,
            new { conversationId, now, isAgent = author.Kind == SenderKinds.Agent ? 1 : 0 }, tx, cancellationToken: ct));

        var message = new MessageRow(conversationId, seq, clientId, author.Kind, author.Id, author.Name, text, now);
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO messages (conversation_id, seq, client_id, sender, sender_id, sender_name, text, created_at)
            VALUES (@ConversationId, @Seq, @ClientId, @Sender, @SenderId, @SenderName, @Text, @CreatedAt);
            """,
            message, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return (message, false);
    }

    private static Task<MessageRow?> FindMessageAsync(DbConnection connection, DbTransaction tx, string conversationId, string clientId, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<MessageRow>(new CommandDefinition(
            $"SELECT {MessageColumns} FROM messages WHERE conversation_id = @conversationId AND client_id = @clientId;",
            new { conversationId, clientId }, tx, cancellationToken: ct));

    public async Task<IReadOnlyList<MessageRow>> MessagesAfterAsync(string conversationId, long afterSeq, int limit, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return (await connection.QueryAsync<MessageRow>(new CommandDefinition(
            $"SELECT {MessageColumns} FROM messages WHERE conversation_id = @conversationId AND seq > @afterSeq ORDER BY seq LIMIT @limit;",
            new { conversationId, afterSeq, limit }, cancellationToken: ct))).AsList();
    }

    /// <summary>Gives a queued conversation to an agent; false when it was no longer waiting.</summary>
    public async Task<bool> AssignAsync(string conversationId, string agentId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE conversations SET agent_id = @agentId, status = @open, assigned_at = @now WHERE id = @conversationId AND status = @queued;",
            new { conversationId, agentId, open = ConversationStatus.Open, queued = ConversationStatus.Queued, now = Clock.NowMs() },
            cancellationToken: ct)) == 1;
    }

    public async Task<bool> ResolveAsync(string conversationId, string agentId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE conversations SET status = @resolved, resolved_at = @now WHERE id = @conversationId AND agent_id = @agentId AND status = @open;",
            new { conversationId, agentId, resolved = ConversationStatus.Resolved, open = ConversationStatus.Open, now = Clock.NowMs() },
            cancellationToken: ct)) == 1;
    }

    public async Task<bool> RateAsync(string conversationId, int rating, string? comment, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE conversations SET rating = @rating, rating_comment = @comment WHERE id = @conversationId AND status = @resolved;",
            new { conversationId, rating, comment, resolved = ConversationStatus.Resolved }, cancellationToken: ct)) == 1;
    }

    /// <summary>The assigned agent has seen the conversation up to <paramref name="seq"/>; the mark only moves forward.</summary>
    public async Task MarkReadAsync(string conversationId, string agentId, long seq, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE conversations SET agent_read_seq = CASE WHEN @seq < last_seq THEN @seq ELSE last_seq END
            WHERE id = @conversationId AND agent_id = @agentId AND agent_read_seq < @seq;
            """,
            new { conversationId, agentId, seq }, cancellationToken: ct));
    }

    /// <summary>For each conversation: the last message, and when the oldest visitor message still awaiting an agent's reply was sent.</summary>
    public async Task<IReadOnlyDictionary<string, ChatActivity>> ActivityAsync(IReadOnlyCollection<string> conversationIds, CancellationToken ct)
    {
        if (conversationIds.Count == 0)
        {
            return new Dictionary<string, ChatActivity>();
        }

        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<ChatActivity>(new CommandDefinition(
            """
            SELECT c.id AS ConversationId,
                   (SELECT m.text FROM messages m WHERE m.conversation_id = c.id ORDER BY m.seq DESC LIMIT 1) AS LastText,
                   (SELECT m.created_at FROM messages m WHERE m.conversation_id = c.id ORDER BY m.seq DESC LIMIT 1) AS LastAt,
                   (SELECT MIN(v.created_at) FROM messages v
                     WHERE v.conversation_id = c.id AND v.sender = 'visitor'
                       AND v.seq > COALESCE((SELECT MAX(r.seq) FROM messages r WHERE r.conversation_id = c.id AND r.sender = 'agent'), 0)) AS WaitingSince,
                   (SELECT COUNT(*) FROM messages u WHERE u.conversation_id = c.id AND u.sender = 'visitor' AND u.seq > c.agent_read_seq) AS Unread
            FROM conversations c WHERE c.id IN @conversationIds;
            """,
            new { conversationIds }, cancellationToken: ct));
        return rows.ToDictionary(r => r.ConversationId);
    }
}

/// <summary>
/// A class, not a positional record: SQLite types an all-NULL computed column as a blob, which
/// defeats Dapper's constructor matching but not its property mapping.
/// </summary>
public sealed class ChatActivity
{
    public string ConversationId { get; init; } = "";

    public string? LastText { get; init; }

    public long? LastAt { get; init; }

    public long? WaitingSince { get; init; }

    /// <summary>Visitor messages after the assigned agent's read mark.</summary>
    public long Unread { get; init; }
}
