using Chat.Server.Storage;
using Dapper;

namespace Chat.Server.NextActions;

/// <summary>Next actions in the database. Every change is one conditional statement, so two nodes never remind or close twice.</summary>
public sealed class NextActionStore(Database database)
{
    private const string Columns =
        "id, conversation_id AS ConversationId, site_id AS SiteId, client_id AS ClientId, kind, what, owner_id AS OwnerId, owner_name AS OwnerName, " +
        "due_at AS DueAt, created_by AS CreatedBy, created_at AS CreatedAt, reminded_at AS RemindedAt, overdue_at AS OverdueAt, " +
        "done_at AS DoneAt, outcome";

    /// <summary>Stores the action; a retry with a client id already stored returns the first one and writes nothing.</summary>
    public async Task<(NextActionRow Action, bool Duplicate)> AddAsync(NextActionRow action, CancellationToken ct)
    {
        int inserted;
        try
        {
            inserted = await database.RunAsync((c, token) => c.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO next_actions (id, conversation_id, site_id, client_id, kind, what, owner_id, owner_name, due_at, created_by, created_at)
                SELECT @Id, @ConversationId, @SiteId, @ClientId, @Kind, @What, @OwnerId, @OwnerName, @DueAt, @CreatedBy, @CreatedAt
                WHERE NOT EXISTS (SELECT 1 FROM next_actions WHERE conversation_id = @ConversationId AND client_id = @ClientId);
                """,
                action, cancellationToken: token)), ct);
        }
        catch (Exception e) when (SqlDialect.IsUniqueViolation(e))
        {
            inserted = 0;
        }

        if (inserted == 1)
        {
            return (action, false);
        }

        var existing = await database.RunAsync((c, token) => c.QuerySingleAsync<NextActionRow>(new CommandDefinition(
            $"SELECT {Columns} FROM next_actions WHERE conversation_id = @ConversationId AND client_id = @ClientId;",
            new { action.ConversationId, action.ClientId }, cancellationToken: token)), ct);
        return (existing, true);
    }

    public Task<NextActionRow?> FindAsync(string id, CancellationToken ct) =>
        database.RunAsync((c, token) => c.QuerySingleOrDefaultAsync<NextActionRow>(new CommandDefinition(
            $"SELECT {Columns} FROM next_actions WHERE id = @id;", new { id }, cancellationToken: token)), ct);

    /// <summary>Marks it kept; false when it was already done.</summary>
    public async Task<bool> CloseAsync(string id, string outcome, long now, CancellationToken ct) =>
        await database.RunAsync((c, token) => c.ExecuteAsync(new CommandDefinition(
            "UPDATE next_actions SET done_at = @now, outcome = @outcome WHERE id = @id AND done_at IS NULL;",
            new { id, outcome, now }, cancellationToken: token)), ct) == 1;

    /// <summary>A conversation's actions, open ones first, each group by due time.</summary>
    public async Task<IReadOnlyList<NextActionRow>> ForConversationAsync(string conversationId, CancellationToken ct) =>
        (await database.RunAsync((c, token) => c.QueryAsync<NextActionRow>(new CommandDefinition(
            $"SELECT {Columns} FROM next_actions WHERE conversation_id = @conversationId ORDER BY CASE WHEN done_at IS NULL THEN 0 ELSE 1 END, due_at, id;",
            new { conversationId }, cancellationToken: token)), ct)).AsList();

    /// <summary>The open actions an agent owns, whatever became of their conversations, soonest due first.</summary>
    public async Task<IReadOnlyList<NextActionRow>> OpenForOwnerAsync(string ownerId, CancellationToken ct) =>
        (await database.RunAsync((c, token) => c.QueryAsync<NextActionRow>(new CommandDefinition(
            $"SELECT {Columns} FROM next_actions WHERE owner_id = @ownerId AND done_at IS NULL ORDER BY due_at, id;",
            new { ownerId }, cancellationToken: token)), ct)).AsList();

    /// <summary>Open actions of these sites that are past due, for the sites' admins.</summary>
    public async Task<IReadOnlyList<NextActionRow>> OverdueForSitesAsync(IReadOnlyCollection<string> siteIds, long now, CancellationToken ct)
    {
        if (siteIds.Count == 0)
        {
            return [];
        }

        var ids = siteIds.ToArray();
        return (await database.RunAsync((c, token) => c.QueryAsync<NextActionRow>(new CommandDefinition(
            $"SELECT {Columns} FROM next_actions WHERE done_at IS NULL AND due_at <= @now AND {database.Dialect.InList("site_id", "@ids")} ORDER BY due_at, id;",
            new { ids, now }, cancellationToken: token)), ct)).AsList();
    }

    /// <summary>Open actions due by <paramref name="until"/> whose owner has not been reminded yet.</summary>
    public async Task<IReadOnlyList<NextActionRow>> NotRemindedDueByAsync(long until, CancellationToken ct) =>
        (await database.RunAsync((c, token) => c.QueryAsync<NextActionRow>(new CommandDefinition(
            $"SELECT {Columns} FROM next_actions WHERE done_at IS NULL AND reminded_at IS NULL AND due_at <= @until ORDER BY due_at;",
            new { until }, cancellationToken: token)), ct)).AsList();

    /// <summary>Open actions past due that nobody was told of yet.</summary>
    public async Task<IReadOnlyList<NextActionRow>> NewlyOverdueAsync(long now, CancellationToken ct) =>
        (await database.RunAsync((c, token) => c.QueryAsync<NextActionRow>(new CommandDefinition(
            $"SELECT {Columns} FROM next_actions WHERE done_at IS NULL AND overdue_at IS NULL AND due_at <= @now ORDER BY due_at;",
            new { now }, cancellationToken: token)), ct)).AsList();

    /// <summary>Claims the reminder; false when another node (or an earlier tick) already sent it.</summary>
    public async Task<bool> MarkRemindedAsync(string id, long now, CancellationToken ct) =>
        await database.RunAsync((c, token) => c.ExecuteAsync(new CommandDefinition(
            "UPDATE next_actions SET reminded_at = @now WHERE id = @id AND reminded_at IS NULL AND done_at IS NULL;",
            new { id, now }, cancellationToken: token)), ct) == 1;

    public async Task<bool> MarkOverdueAsync(string id, long now, CancellationToken ct) =>
        await database.RunAsync((c, token) => c.ExecuteAsync(new CommandDefinition(
            "UPDATE next_actions SET overdue_at = @now WHERE id = @id AND overdue_at IS NULL AND done_at IS NULL;",
            new { id, now }, cancellationToken: token)), ct) == 1;

    /// <summary>A transfer: the open actions the former agent owned on this chat go to the new one. Returns those moved, as they were.</summary>
    public async Task<IReadOnlyList<NextActionRow>> MoveOpenAsync(string conversationId, string fromOwnerId, string toOwnerId, string toOwnerName, CancellationToken ct) =>
        await database.RunAsync<IReadOnlyList<NextActionRow>>(async (c, token) =>
        {
            await using var tx = await c.BeginTransactionAsync(token);
            var moving = (await c.QueryAsync<NextActionRow>(new CommandDefinition(
                $"SELECT {Columns} FROM next_actions WHERE conversation_id = @conversationId AND owner_id = @fromOwnerId AND done_at IS NULL;",
                new { conversationId, fromOwnerId }, tx, cancellationToken: token))).AsList();
            await c.ExecuteAsync(new CommandDefinition(
                // A new owner gets their own reminder.
                """
                UPDATE next_actions SET owner_id = @toOwnerId, owner_name = @toOwnerName, reminded_at = NULL
                WHERE conversation_id = @conversationId AND owner_id = @fromOwnerId AND done_at IS NULL;
                """,
                new { conversationId, fromOwnerId, toOwnerId, toOwnerName }, tx, cancellationToken: token));
            await tx.CommitAsync(token);
            return moving;
        }, ct);
}
