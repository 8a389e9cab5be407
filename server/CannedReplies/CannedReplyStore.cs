using Chat.Server.Storage;
using Dapper;

namespace Chat.Server.CannedReplies;

/// <summary>Canned replies, one set per site.</summary>
public sealed class CannedReplyStore(Database database)
{
    private const string Columns = "id, site_id AS SiteId, shortcut, text";

    public async Task<IReadOnlyList<CannedReplyRow>> ForSiteAsync(string siteId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return (await connection.QueryAsync<CannedReplyRow>(new CommandDefinition(
            $"SELECT {Columns} FROM canned_replies WHERE site_id = @siteId ORDER BY shortcut;",
            new { siteId }, cancellationToken: ct))).AsList();
    }

    public async Task<CannedReplyRow?> FindAsync(string id, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<CannedReplyRow>(new CommandDefinition(
            $"SELECT {Columns} FROM canned_replies WHERE id = @id;", new { id }, cancellationToken: ct));
    }

    /// <summary>Creates or updates; refused with <c>canned_shortcut_taken</c> when the site already has the shortcut.</summary>
    public async Task<CannedReplyRow> SaveAsync(string? id, string siteId, string shortcut, string text, CancellationToken ct)
    {
        var now = Clock.NowMs();
        var row = new CannedReplyRow(string.IsNullOrEmpty(id) ? Ids.New() : id, siteId, shortcut, text);
        await using var connection = await database.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var taken = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM canned_replies WHERE site_id = @siteId AND shortcut = @shortcut AND id <> @Id;",
            new { siteId, shortcut, row.Id }, tx, cancellationToken: ct));
        if (taken > 0)
        {
            throw new ChatRuleException("canned_shortcut_taken", $"This site already has a reply for /{shortcut}.");
        }

        var updated = string.IsNullOrEmpty(id) ? 0 : await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE canned_replies SET shortcut = @Shortcut, text = @Text, updated_at = @now WHERE id = @Id AND site_id = @SiteId;",
            new { row.Id, row.SiteId, row.Shortcut, row.Text, now }, tx, cancellationToken: ct));
        if (updated == 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO canned_replies (id, site_id, shortcut, text, created_at, updated_at) VALUES (@Id, @SiteId, @Shortcut, @Text, @now, @now);",
                new { row.Id, row.SiteId, row.Shortcut, row.Text, now }, tx, cancellationToken: ct));
        }

        await tx.CommitAsync(ct);
        return row;
    }

    public async Task DeleteAsync(string id, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM canned_replies WHERE id = @id;", new { id }, cancellationToken: ct));
    }
}

public sealed record CannedReplyRow(string Id, string SiteId, string Shortcut, string Text);
