using Chat.AgentConsole.Insights;
using Chat.Server.Conversations;
using Chat.Server.Storage;
using Dapper;

namespace Chat.Server.Insights;

/// <summary>The reads behind a site's insights, and the admins' "acted on" marks.</summary>
public sealed class InsightsStore(Database database)
{
    /// <summary>
    /// Something heard in a conversation: a tag, a canned reply used, or a phrase of a visitor's first
    /// message. Properties, not a constructor: SQLite types an expression column of no rows as a blob.
    /// </summary>
    public sealed record Heard
    {
        public string Item { get; init; } = "";

        public string Label { get; init; } = "";

        public string ConversationId { get; init; } = "";

        public string CustomerName { get; init; } = "";

        public long At { get; init; }
    }

    /// <summary>A conversation's first message from the visitor, with the names to leave out of its phrases.</summary>
    public sealed record FirstMessage(string ConversationId, string CustomerName, long At, string Text);

    public sealed record Mark(string Kind, string Item, long ActedAt, string ActedByName, string Note);

    /// <summary>Conversation tags of conversations started in the period, by conversation; a tag is one item in any letter case.</summary>
    public async Task<IReadOnlyList<Heard>> TagsAsync(string siteId, long from, long to, CancellationToken ct) =>
        [.. (await database.RunAsync((c, token) => c.QueryAsync<Heard>(new CommandDefinition(
            """
            SELECT t.tag AS Item, t.tag AS Label, c.id AS ConversationId, cu.name AS CustomerName, c.created_at AS At
            FROM conversation_tags t
            JOIN conversations c ON c.id = t.conversation_id
            JOIN customers cu ON cu.id = c.customer_id
            WHERE c.site_id = @siteId AND c.created_at >= @from AND c.created_at <= @to;
            """, new { siteId, from, to }, cancellationToken: token)), ct)).Select(h => h with { Item = h.Item.ToLowerInvariant() })];

    /// <summary>Canned replies put into replies sent in the period; a deleted reply keeps the shortcut it had.</summary>
    public async Task<IReadOnlyList<Heard>> CannedUsesAsync(string siteId, long from, long to, CancellationToken ct) =>
        (await database.RunAsync((c, token) => c.QueryAsync<Heard>(new CommandDefinition(
            """
            SELECT u.canned_reply_id AS Item, COALESCE(r.shortcut, u.shortcut) AS Label, c.id AS ConversationId, cu.name AS CustomerName, u.used_at AS At
            FROM canned_reply_uses u
            JOIN conversations c ON c.id = u.conversation_id
            JOIN customers cu ON cu.id = c.customer_id
            LEFT JOIN canned_replies r ON r.id = u.canned_reply_id
            WHERE u.site_id = @siteId AND u.used_at >= @from AND u.used_at <= @to;
            """, new { siteId, from, to }, cancellationToken: token)), ct)).AsList();

    /// <summary>The visitor's first message of each conversation started in the period.</summary>
    public async Task<IReadOnlyList<FirstMessage>> FirstMessagesAsync(string siteId, long from, long to, CancellationToken ct) =>
        (await database.RunAsync((c, token) => c.QueryAsync<FirstMessage>(new CommandDefinition(
            """
            SELECT c.id AS ConversationId, cu.name AS CustomerName, c.created_at AS At, m.text AS Text
            FROM conversations c
            JOIN customers cu ON cu.id = c.customer_id
            JOIN messages m ON m.conversation_id = c.id AND m.sender = @visitor
            WHERE c.site_id = @siteId AND c.created_at >= @from AND c.created_at <= @to
              AND m.seq = (SELECT MIN(f.seq) FROM messages f WHERE f.conversation_id = c.id AND f.sender = @visitor);
            """, new { siteId, from, to, visitor = SenderKinds.Visitor }, cancellationToken: token)), ct)).AsList();

    /// <summary>The site's agents' names, left out of the phrases like the customers' own.</summary>
    public async Task<IReadOnlyList<string>> AgentNamesAsync(string siteId, CancellationToken ct) =>
        (await database.RunAsync((c, token) => c.QueryAsync<string>(new CommandDefinition(
            "SELECT a.name FROM site_agents sa JOIN agents a ON a.id = sa.agent_id WHERE sa.site_id = @siteId;",
            new { siteId }, cancellationToken: token)), ct)).AsList();

    public async Task<IReadOnlyList<Mark>> MarksAsync(string siteId, CancellationToken ct) =>
        (await database.RunAsync((c, token) => c.QueryAsync<Mark>(new CommandDefinition(
            "SELECT kind AS Kind, item AS Item, acted_at AS ActedAt, acted_by_name AS ActedByName, note AS Note FROM insight_marks WHERE site_id = @siteId;",
            new { siteId }, cancellationToken: token)), ct)).AsList();

    /// <summary>Marks the item acted on, replacing an earlier mark, so its count starts afresh.</summary>
    public Task SaveMarkAsync(string siteId, Mark mark, CancellationToken ct) =>
        database.RunAsync(async (c, token) =>
        {
            await using var tx = await c.BeginTransactionAsync(token);
            var args = new { siteId, mark.Kind, mark.Item, mark.ActedAt, mark.ActedByName, mark.Note };
            await c.ExecuteAsync(new CommandDefinition(
                "DELETE FROM insight_marks WHERE site_id = @siteId AND kind = @Kind AND item = @Item;", args, tx, cancellationToken: token));
            await c.ExecuteAsync(new CommandDefinition(
                "INSERT INTO insight_marks (site_id, kind, item, acted_at, acted_by_name, note) VALUES (@siteId, @Kind, @Item, @ActedAt, @ActedByName, @Note);",
                args, tx, cancellationToken: token));
            await tx.CommitAsync(token);
        }, ct);
}
