using System.Globalization;
using Chat.AgentConsole.Port;
using Chat.Server.Storage;
using Dapper;

namespace Chat.Server.Audit;

/// <summary>A stored audit entry.</summary>
public sealed record AuditRow(string Id, long At, string? ActorId, string ActorName, string Action, string? TargetType, string? TargetId, string Detail, string? Address);

/// <summary>
/// The audit log in the database. It inserts and reads; there is deliberately no update and no
/// delete here or anywhere else in the product, so an entry stays as it was written.
/// </summary>
public sealed class AuditStore(Database database)
{
    /// <summary>Entries that concern the whole server rather than a site; every admin sees them.</summary>
    private static readonly string[] ServerWide = [AuditActions.SignInKeyCreated];

    private const string Columns =
        "e.id, e.at, e.actor_id AS ActorId, e.actor_name AS ActorName, e.action, e.target_type AS TargetType, e.target_id AS TargetId, e.detail, e.address";

    public Task InsertAsync(AuditRow row, IReadOnlyCollection<string> siteIds, CancellationToken ct) =>
        database.RunAsync(async (c, token) =>
        {
            await using var tx = await c.BeginTransactionAsync(token);
            // A retry after a lost commit finds the entry there and writes nothing twice.
            var inserted = await c.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO audit_entries (id, at, actor_id, actor_name, action, target_type, target_id, detail, address)
                SELECT @Id, @At, @ActorId, @ActorName, @Action, @TargetType, @TargetId, @Detail, @Address
                WHERE NOT EXISTS (SELECT 1 FROM audit_entries WHERE id = @Id);
                """,
                row, tx, cancellationToken: token));
            if (inserted == 1)
            {
                foreach (var siteId in siteIds.Distinct(StringComparer.Ordinal))
                {
                    await c.ExecuteAsync(new CommandDefinition(
                        "INSERT INTO audit_entry_sites (entry_id, site_id, at) VALUES (@Id, @siteId, @At);",
                        new { row.Id, siteId, row.At }, tx, cancellationToken: token));
                }
            }

            await tx.CommitAsync(token);
        }, ct);

    /// <summary>
    /// Up to <paramref name="limit"/> entries of these sites (and the server-wide ones), newest
    /// first, older than the cursor <paramref name="before"/> (from <see cref="Cursor"/>).
    /// </summary>
    public async Task<IReadOnlyList<AuditRow>> ReadAsync(IReadOnlyCollection<string> siteIds, AuditFilter filter, int limit, CancellationToken ct)
    {
        var (beforeAt, beforeId) = ParseCursor(filter.Before);
        var args = new DynamicParameters(new
        {
            sites = siteIds.ToArray(),
            serverWide = ServerWide,
            actorId = string.IsNullOrEmpty(filter.ActorId) ? null : filter.ActorId,
            action = string.IsNullOrEmpty(filter.Action) ? null : filter.Action,
            from = filter.From?.ToUnixTimeMilliseconds(),
            to = filter.To?.ToUnixTimeMilliseconds(),
            beforeAt,
            beforeId,
            limit,
        });
        var mine = siteIds.Count == 0
            ? "1 = 0"
            : $"EXISTS (SELECT 1 FROM audit_entry_sites s WHERE s.entry_id = e.id AND {database.Dialect.InList("s.site_id", "@sites")})";
        var sql = database.Dialect.FirstRows(
            $"""
            {Columns} FROM audit_entries e
            WHERE ({mine}
                   OR ({database.Dialect.InList("e.action", "@serverWide")} AND NOT EXISTS (SELECT 1 FROM audit_entry_sites s2 WHERE s2.entry_id = e.id)))
              AND (@actorId IS NULL OR e.actor_id = @actorId)
              AND (@action IS NULL OR e.action = @action)
              AND (@from IS NULL OR e.at >= @from)
              AND (@to IS NULL OR e.at < @to)
              AND (@beforeAt IS NULL OR e.at < @beforeAt OR (e.at = @beforeAt AND e.id < @beforeId))
            ORDER BY e.at DESC, e.id DESC
            """,
            "@limit");
        return (await database.RunAsync((c, token) => c.QueryAsync<AuditRow>(new CommandDefinition(sql + ";", args, cancellationToken: token)), ct)).AsList();
    }

    /// <summary>Where the next page starts: just older than this entry.</summary>
    public static string Cursor(AuditRow row) => $"{row.At.ToString(CultureInfo.InvariantCulture)}:{row.Id}";

    private static (long? At, string? Id) ParseCursor(string? cursor)
    {
        var colon = cursor?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        return colon > 0 && long.TryParse(cursor![..colon], NumberStyles.None, CultureInfo.InvariantCulture, out var at)
            ? (at, cursor[(colon + 1)..])
            : (null, null);
    }
}
