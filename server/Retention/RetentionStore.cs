using Chat.AgentConsole.Port;
using Chat.Server.Storage;
using Dapper;

namespace Chat.Server.Retention;

/// <summary>How long each site keeps resolved conversations, and which are past it.</summary>
public sealed class RetentionStore(Database database)
{
    /// <summary>Ten years: longer than that is keeping forever, which is "off".</summary>
    public const int MaxDays = 3650;

    /// <summary>Null (off) or 1 to <see cref="MaxDays"/> days.</summary>
    public static int? ValidateDays(int? days) =>
        days is null or (>= 1 and <= MaxDays)
            ? days
            : throw new ChatRuleException("retention_days_invalid", $"Keep resolved conversations for 1 to {MaxDays} days, or leave it empty to keep them.");

    public Task SetDaysAsync(string siteId, int? days, CancellationToken ct) =>
        database.RunAsync((c, token) => c.ExecuteAsync(new CommandDefinition(
            "UPDATE sites SET retention_days = @days WHERE id = @siteId;", new { siteId, days = (long?)days }, cancellationToken: token)), ct);

    /// <summary>The sites with their retention filled in, in one query.</summary>
    public async Task<IReadOnlyList<SiteSettings>> WithRetentionAsync(IReadOnlyList<SiteSettings> sites, CancellationToken ct)
    {
        if (sites.Count == 0)
        {
            return sites;
        }

        var ids = sites.Select(s => s.Id).ToArray();
        var days = (await database.RunAsync((c, token) => c.QueryAsync<(string Id, long? Days)>(new CommandDefinition(
            $"SELECT id, retention_days FROM sites WHERE {database.Dialect.InList("id", "@ids")};", new { ids }, cancellationToken: token)), ct))
            .ToDictionary(r => r.Id, r => r.Days, StringComparer.Ordinal);
        return [.. sites.Select(s => s with { RetentionDays = days.GetValueOrDefault(s.Id) is { } d ? (int)d : null })];
    }

    /// <summary>Resolved conversations not yet erased whose site keeps them for less than they have been resolved.</summary>
    public async Task<IReadOnlyList<(string Id, string SiteId)>> ExpiredAsync(long now, int limit, CancellationToken ct) =>
        (await database.RunAsync((c, token) => c.QueryAsync<(string Id, string SiteId)>(new CommandDefinition(
            database.Dialect.FirstRows(
                """
                c.id, c.site_id FROM conversations c JOIN sites s ON s.id = c.site_id
                WHERE s.retention_days IS NOT NULL AND c.status = 'resolved' AND c.erased_at IS NULL
                  AND c.resolved_at IS NOT NULL AND c.resolved_at <= @now - s.retention_days * 86400000
                ORDER BY c.resolved_at
                """, "@limit") + ";",
            new { now, limit }, cancellationToken: token)), ct)).AsList();
}
