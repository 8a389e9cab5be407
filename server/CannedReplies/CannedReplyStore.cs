using Chat.Server.Storage;
using Dapper;

namespace Chat.Server.CannedReplies;

/// <summary>
/// Canned replies, one set per site. A site's shortcuts are unique in any letter case: the
/// code compares them case-insensitively, and a unique index catches a racing writer.
/// </summary>
public sealed class CannedReplyStore(Database database, TimeProvider time)
{
    private const string Columns = "id, site_id AS SiteId, shortcut, text";

    public Task<IReadOnlyList<CannedReplyRow>> ForSiteAsync(string siteId, CancellationToken ct) =>
        database.RunAsync<IReadOnlyList<CannedReplyRow>>(async (c, token) => (await c.QueryAsync<CannedReplyRow>(new CommandDefinition(
            $"SELECT {Columns} FROM canned_replies WHERE site_id = @siteId ORDER BY LOWER(shortcut), shortcut, id;",
            new { siteId }, cancellationToken: token))).AsList(), ct);

    public Task<CannedReplyRow?> FindAsync(string id, CancellationToken ct) =>
        database.RunAsync((c, token) => c.QuerySingleOrDefaultAsync<CannedReplyRow>(new CommandDefinition(
            $"SELECT {Columns} FROM canned_replies WHERE id = @id;", new { id }, cancellationToken: token)), ct);

    /// <summary>The reply went into a message an agent sent in the conversation: counted by the site's insights.</summary>
    public Task RecordUseAsync(CannedReplyRow reply, string conversationId, CancellationToken ct) =>
        database.RunAsync((c, token) => c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO canned_reply_uses (conversation_id, site_id, canned_reply_id, shortcut, used_at) VALUES (@conversationId, @SiteId, @Id, @Shortcut, @now);",
            new { conversationId, reply.SiteId, reply.Id, reply.Shortcut, now = time.NowMs() }, cancellationToken: token)), ct);

    /// <summary>Creates or updates; refused with <c>canned_shortcut_taken</c> when the site already has the shortcut.</summary>
    public async Task<CannedReplyRow> SaveAsync(string? id, string siteId, string shortcut, string text, CancellationToken ct)
    {
        var now = time.NowMs();
        var row = new CannedReplyRow(string.IsNullOrEmpty(id) ? Ids.New() : id, siteId, shortcut, text);
        bool taken;
        try
        {
            taken = await database.RunAsync(async (c, token) =>
            {
                await using var tx = await c.BeginTransactionAsync(token);
                var others = await c.ExecuteScalarAsync<long>(new CommandDefinition(
                    "SELECT COUNT(*) FROM canned_replies WHERE site_id = @SiteId AND LOWER(shortcut) = LOWER(@Shortcut) AND id <> @Id;",
                    new { row.SiteId, row.Shortcut, row.Id }, tx, cancellationToken: token));
                if (others > 0)
                {
                    return true;
                }

                // A new reply's id matches nothing here unless this is a retry of an insert that was committed.
                var updated = await c.ExecuteAsync(new CommandDefinition(
                    "UPDATE canned_replies SET shortcut = @Shortcut, text = @Text, updated_at = @now WHERE id = @Id AND site_id = @SiteId;",
                    new { row.Id, row.SiteId, row.Shortcut, row.Text, now }, tx, cancellationToken: token));
                if (updated == 0)
                {
                    await c.ExecuteAsync(new CommandDefinition(
                        "INSERT INTO canned_replies (id, site_id, shortcut, text, created_at, updated_at) VALUES (@Id, @SiteId, @Shortcut, @Text, @now, @now);",
                        new { row.Id, row.SiteId, row.Shortcut, row.Text, now }, tx, cancellationToken: token));
                }

                await tx.CommitAsync(token);
                return false;
            }, ct);
        }
        catch (Exception e) when (SqlDialect.IsUniqueViolation(e))
        {
            // Another admin saved the same shortcut between the check and the write.
            taken = true;
        }

        if (taken)
        {
            throw new ChatRuleException("canned_shortcut_taken", $"This site already has a reply for /{shortcut}.");
        }

        return row;
    }

    public Task DeleteAsync(string id, CancellationToken ct) =>
        database.RunAsync((c, token) => c.ExecuteAsync(new CommandDefinition(
            "DELETE FROM canned_replies WHERE id = @id;", new { id }, cancellationToken: token)), ct);
}

public sealed record CannedReplyRow(string Id, string SiteId, string Shortcut, string Text);
