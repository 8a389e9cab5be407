using System.Data.Common;
using Chat.Server.Storage;
using Dapper;

namespace Chat.Server.Conversations;

/// <summary>All SQL about conversations and their messages.</summary>
public sealed class ConversationStore(Database database, TimeProvider time)
{
    private const string Columns =
        """
        c.id, c.site_id AS SiteId, c.customer_id AS CustomerId, c.agent_id AS AgentId, a.name AS AgentName,
        c.status, c.created_at AS CreatedAt, c.assigned_at AS AssignedAt, c.first_response_at AS FirstResponseAt,
        c.resolved_at AS ResolvedAt, c.rating, c.rating_comment AS RatingComment, c.last_seq AS LastSeq
        FROM conversations c LEFT JOIN agents a ON a.id = c.agent_id
        """;

    private const string MessageColumns =
        "conversation_id AS ConversationId, seq, client_id AS ClientId, sender, sender_id AS SenderId, sender_name AS SenderName, text, created_at AS CreatedAt";

    public async Task<ConversationRow> CreateAsync(string siteId, string customerId, CancellationToken ct)
    {
        var conversation = new ConversationRow(Ids.New(), siteId, customerId, null, null, ConversationStatus.Queued, time.NowMs(), null, null, null, null, null, 0);
        await database.RunAsync((c, token) => c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO conversations (id, site_id, customer_id, status, created_at, last_seq) VALUES (@Id, @SiteId, @CustomerId, @Status, @CreatedAt, 0);",
            conversation, cancellationToken: token)), ct);
        return conversation;
    }

    public Task<ConversationRow?> FindAsync(string id, CancellationToken ct) =>
        database.RunAsync((c, token) => FindAsync(c, null, id, token), ct);

    internal static Task<ConversationRow?> FindAsync(DbConnection connection, DbTransaction? tx, string id, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<ConversationRow>(new CommandDefinition($"SELECT {Columns} WHERE c.id = @id;", new { id }, tx, cancellationToken: ct));

    /// <summary>Several conversations in one query, by id; missing ids are simply absent.</summary>
    public async Task<IReadOnlyDictionary<string, ConversationRow>> FindManyAsync(IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return new Dictionary<string, ConversationRow>();
        }

        var rows = await ListAsync($"SELECT {Columns} WHERE {database.Dialect.InList("c.id", "@ids")};", new { ids = ids.ToArray() }, ct);
        return rows.ToDictionary(r => r.Id);
    }

    public Task<ConversationRow?> LatestForCustomerAsync(string customerId, CancellationToken ct) =>
        database.RunAsync((c, token) => c.QueryFirstOrDefaultAsync<ConversationRow>(new CommandDefinition(
            database.Dialect.FirstRows($"{Columns} WHERE c.customer_id = @customerId ORDER BY c.created_at DESC, c.id DESC", "1"),
            new { customerId }, cancellationToken: token)), ct);

    public Task<IReadOnlyList<ConversationRow>> ForCustomerAsync(string customerId, CancellationToken ct) =>
        ListAsync($"SELECT {Columns} WHERE c.customer_id = @customerId ORDER BY c.created_at DESC, c.id DESC;", new { customerId }, ct);

    public Task<IReadOnlyList<ConversationRow>> OpenForAgentAsync(string agentId, CancellationToken ct) =>
        ListAsync($"SELECT {Columns} WHERE c.agent_id = @agentId AND c.status = @open ORDER BY c.created_at;",
            new { agentId, open = ConversationStatus.Open }, ct);

    public Task<IReadOnlyList<ConversationRow>> QueuedAsync(CancellationToken ct) =>
        ListAsync($"SELECT {Columns} WHERE c.status = @queued ORDER BY c.created_at, c.id;", new { queued = ConversationStatus.Queued }, ct);

    private Task<IReadOnlyList<ConversationRow>> ListAsync(string sql, object args, CancellationToken ct) =>
        database.RunAsync<IReadOnlyList<ConversationRow>>(async (c, token) =>
            (await c.QueryAsync<ConversationRow>(new CommandDefinition(sql, args, cancellationToken: token))).AsList(), ct);

    /// <summary>Messages left while nobody was there (<see cref="ConversationStatus.FollowUp"/>), oldest first.</summary>
    public Task<IReadOnlyList<ConversationRow>> FollowUpsAsync(CancellationToken ct) =>
        ListAsync($"SELECT {Columns} WHERE c.status = @followUp ORDER BY c.created_at, c.id;", new { followUp = ConversationStatus.FollowUp }, ct);

    public Task<IReadOnlyList<MessageRow>> MessagesAfterAsync(string conversationId, long afterSeq, int limit, CancellationToken ct) =>
        database.RunAsync<IReadOnlyList<MessageRow>>(async (c, token) => (await c.QueryAsync<MessageRow>(new CommandDefinition(
            database.Dialect.FirstRows($"{MessageColumns} FROM messages WHERE conversation_id = @conversationId AND seq > @afterSeq ORDER BY seq", "@limit"),
            new { conversationId, afterSeq, limit }, cancellationToken: token))).AsList(), ct);

    /// <summary>The first <paramref name="limit"/> messages of each of several conversations, in one query.</summary>
    public async Task<ILookup<string, MessageRow>> MessagesOfManyAsync(IReadOnlyCollection<string> conversationIds, int limit, CancellationToken ct)
    {
        if (conversationIds.Count == 0)
        {
            return Array.Empty<MessageRow>().ToLookup(m => m.ConversationId);
        }

        var rows = await database.RunAsync((c, token) => c.QueryAsync<MessageRow>(new CommandDefinition(
            $"""
            SELECT {MessageColumns} FROM (
                SELECT m.*, ROW_NUMBER() OVER (PARTITION BY conversation_id ORDER BY seq) AS place
                FROM messages m WHERE {database.Dialect.InList("conversation_id", "@conversationIds")}
            ) numbered
            WHERE place <= @limit ORDER BY conversation_id, seq;
            """,
            new { conversationIds = conversationIds.ToArray(), limit }, cancellationToken: token)), ct);
        return rows.ToLookup(m => m.ConversationId);
    }

    /// <summary>
    /// Gives a queued conversation to an agent and returns it as assigned. It is returned also
    /// when it already is theirs, so a retry after a commit whose answer was lost does not undo
    /// the assignment; null when it is not (someone else's, resolved, or gone).
    /// </summary>
    public Task<ConversationRow?> AssignAsync(string conversationId, string agentId, CancellationToken ct) =>
        database.RunAsync(async (c, token) =>
        {
            await c.ExecuteAsync(new CommandDefinition(
                "UPDATE conversations SET agent_id = @agentId, status = @open, assigned_at = @now WHERE id = @conversationId AND status = @queued;",
                new { conversationId, agentId, open = ConversationStatus.Open, queued = ConversationStatus.Queued, now = time.NowMs() },
                cancellationToken: token));
            var now = await FindAsync(c, null, conversationId, token);
            return now is { Status: ConversationStatus.Open } && now.AgentId == agentId ? now : null;
        }, ct);

    /// <summary>
    /// Takes a conversation from an agent back into the line. True only for the call that moved
    /// it, so when several nodes notice the same absent agent, each conversation moves once.
    /// </summary>
    public Task<bool> ReturnToQueueAsync(string conversationId, string agentId, CancellationToken ct) =>
        database.RunAsync(async (c, token) => await c.ExecuteAsync(new CommandDefinition(
            "UPDATE conversations SET agent_id = NULL, status = @queued, assigned_at = NULL WHERE id = @conversationId AND agent_id = @agentId AND status = @open;",
            new { conversationId, agentId, queued = ConversationStatus.Queued, open = ConversationStatus.Open }, cancellationToken: token)) == 1, ct);

    /// <summary>Agents who have open chats, for the check that their owners are still online.</summary>
    public Task<IReadOnlyList<string>> AgentsWithOpenChatsAsync(CancellationToken ct) =>
        database.RunAsync<IReadOnlyList<string>>(async (c, token) => (await c.QueryAsync<string>(new CommandDefinition(
            "SELECT DISTINCT agent_id FROM conversations WHERE status = @open AND agent_id IS NOT NULL;",
            new { open = ConversationStatus.Open }, cancellationToken: token))).AsList(), ct);

    /// <summary>
    /// True only for the call that resolved it: a second resolve (a double click) must not free
    /// the agent's routing slot twice.
    /// </summary>
    public Task<bool> ResolveAsync(string conversationId, string agentId, CancellationToken ct) =>
        database.RunAsync(async (c, token) => await c.ExecuteAsync(new CommandDefinition(
            "UPDATE conversations SET status = @resolved, resolved_at = @now WHERE id = @conversationId AND agent_id = @agentId AND status = @open;",
            new { conversationId, agentId, resolved = ConversationStatus.Resolved, open = ConversationStatus.Open, now = time.NowMs() },
            cancellationToken: token)) == 1, ct);

    public Task<bool> RateAsync(string conversationId, int rating, string? comment, CancellationToken ct) =>
        database.RunAsync(async (c, token) => await c.ExecuteAsync(new CommandDefinition(
            "UPDATE conversations SET rating = @rating, rating_comment = @comment WHERE id = @conversationId AND status = @resolved;",
            new { conversationId, rating, comment, resolved = ConversationStatus.Resolved }, cancellationToken: token)) == 1, ct);

    /// <summary>The assigned agent has seen the conversation up to <paramref name="seq"/>; the mark only moves forward.</summary>
    public Task MarkReadAsync(string conversationId, string agentId, long seq, CancellationToken ct) =>
        database.RunAsync((c, token) => c.ExecuteAsync(new CommandDefinition(
            """
            UPDATE conversations SET agent_read_seq = CASE WHEN @seq < last_seq THEN @seq ELSE last_seq END
            WHERE id = @conversationId AND agent_id = @agentId AND agent_read_seq < @seq;
            """,
            new { conversationId, agentId, seq }, cancellationToken: token)), ct);

    /// <summary>
    /// For each conversation: the last message a person wrote (the preview: a transfer or other
    /// system line says nothing about what the customer wants), when the last message of any kind
    /// came, and when the oldest visitor message still awaiting an agent's reply was sent.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, ChatActivity>> ActivityAsync(IReadOnlyCollection<string> conversationIds, CancellationToken ct)
    {
        if (conversationIds.Count == 0)
        {
            return new Dictionary<string, ChatActivity>();
        }

        var ids = conversationIds.ToArray();
        var rows = await database.RunAsync((c, token) => c.QueryAsync<ChatActivity>(new CommandDefinition(
            $"""
            SELECT c.id AS ConversationId,
                   (SELECT m.text FROM messages m WHERE m.conversation_id = c.id
                     AND m.seq = (SELECT MAX(p.seq) FROM messages p WHERE p.conversation_id = c.id AND p.sender <> 'system')) AS LastText,
                   (SELECT m.created_at FROM messages m WHERE m.conversation_id = c.id AND m.seq = c.last_seq) AS LastAt,
                   (SELECT MIN(v.created_at) FROM messages v
                     WHERE v.conversation_id = c.id AND v.sender = 'visitor'
                       AND v.seq > COALESCE((SELECT MAX(r.seq) FROM messages r WHERE r.conversation_id = c.id AND r.sender = 'agent'), 0)) AS WaitingSince,
                   (SELECT COUNT(*) FROM messages u WHERE u.conversation_id = c.id AND u.sender = 'visitor' AND u.seq > c.agent_read_seq) AS Unread
            FROM conversations c WHERE {database.Dialect.InList("c.id", "@conversationIds")};
            """,
            new { conversationIds = ids }, cancellationToken: token)), ct);
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
