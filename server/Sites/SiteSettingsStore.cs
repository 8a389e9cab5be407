using System.Security.Cryptography;
using Chat.AgentConsole.Port;
using Chat.Server.Storage;
using Dapper;

namespace Chat.Server.Sites;

/// <summary>Sites as admins edit them, and the wait thresholds the console colours chats by.</summary>
public sealed class SiteSettingsStore(Database database, SiteStore sites)
{
    private const string Columns =
        "s.id, s.site_key AS SiteKey, s.name, s.allowed_origins AS AllowedOrigins, s.color, s.greeting, " +
        "s.wait_warn_seconds AS WaitWarnSeconds, s.wait_urgent_seconds AS WaitUrgentSeconds";

    public async Task<IReadOnlyList<SiteSettings>> ForAgentAsync(string agentId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<SiteSettingsRow>(new CommandDefinition(
            $"SELECT {Columns} FROM sites s JOIN site_agents sa ON sa.site_id = s.id WHERE sa.agent_id = @agentId ORDER BY s.created_at, s.id;",
            new { agentId }, cancellationToken: ct));
        return [.. rows.Select(r => r.ToSettings())];
    }

    public async Task<SiteSettings?> FindAsync(string siteId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<SiteSettingsRow>(new CommandDefinition(
            $"SELECT {Columns} FROM sites s WHERE s.id = @siteId;", new { siteId }, cancellationToken: ct));
        return row?.ToSettings();
    }

    /// <summary>Creates a site with a random key and makes the admin a member, in one transaction.</summary>
    public async Task<SiteSettings> CreateAsync(string adminId, SiteSettings site, CancellationToken ct)
    {
        var id = Ids.New();
        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        await using (var connection = await database.OpenAsync(ct))
        {
            await using var tx = await connection.BeginTransactionAsync(ct);
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO sites (id, site_key, name, allowed_origins, color, greeting, wait_warn_seconds, wait_urgent_seconds, created_at)
                VALUES (@id, @key, @Name, @origins, @Color, @Greeting, @warn, @urgent, @now);
                """,
                new { id, key, site.Name, origins = string.Join(' ', site.AllowedOrigins), site.Color, site.Greeting, warn = Seconds(site.Thresholds.Warn), urgent = Seconds(site.Thresholds.Urgent), now = Clock.NowMs() },
                tx, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO site_agents (site_id, agent_id) VALUES (@id, @adminId);", new { id, adminId }, tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
        }

        return (await FindAsync(id, ct))!;
    }

    public async Task<SiteSettings> UpdateAsync(SiteSettings site, CancellationToken ct)
    {
        await using (var connection = await database.OpenAsync(ct))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE sites SET name = @Name, allowed_origins = @origins, color = @Color, greeting = @Greeting,
                                 wait_warn_seconds = @warn, wait_urgent_seconds = @urgent
                WHERE id = @Id;
                """,
                new { site.Id, site.Name, origins = string.Join(' ', site.AllowedOrigins), site.Color, site.Greeting, warn = Seconds(site.Thresholds.Warn), urgent = Seconds(site.Thresholds.Urgent) },
                cancellationToken: ct));
        }

        var saved = (await FindAsync(site.Id, ct))!;
        // The widget's settings are cached by key; the new origins and colour apply at once on this node.
        sites.Forget(saved.SiteKey);
        return saved;
    }

    /// <summary>Each site's wait thresholds; sites not found get the defaults.</summary>
    public async Task<IReadOnlyDictionary<string, WaitThresholds>> ThresholdsAsync(IReadOnlyCollection<string> siteIds, CancellationToken ct)
    {
        if (siteIds.Count == 0)
        {
            return new Dictionary<string, WaitThresholds>();
        }

        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<(string Id, long Warn, long Urgent)>(new CommandDefinition(
            "SELECT id, wait_warn_seconds, wait_urgent_seconds FROM sites WHERE id IN @siteIds;", new { siteIds }, cancellationToken: ct));
        return rows.ToDictionary(r => r.Id, r => new WaitThresholds(TimeSpan.FromSeconds(r.Warn), TimeSpan.FromSeconds(r.Urgent)), StringComparer.Ordinal);
    }

    private static long Seconds(TimeSpan t) => (long)Math.Round(t.TotalSeconds);

    private sealed record SiteSettingsRow(
        string Id, string SiteKey, string Name, string AllowedOrigins, string Color, string Greeting, long WaitWarnSeconds, long WaitUrgentSeconds)
    {
        public SiteSettings ToSettings() => new(Id, SiteKey, Name,
            AllowedOrigins.Split(' ', StringSplitOptions.RemoveEmptyEntries), Color, Greeting,
            new WaitThresholds(TimeSpan.FromSeconds(WaitWarnSeconds), TimeSpan.FromSeconds(WaitUrgentSeconds)));
    }
}
