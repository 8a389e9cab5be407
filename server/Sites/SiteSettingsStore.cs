using System.Security.Cryptography;
using Chat.AgentConsole.Port;
using Chat.Server.Storage;
using Dapper;

namespace Chat.Server.Sites;

/// <summary>Sites as admins edit them, and the wait thresholds the console colours chats by.</summary>
public sealed class SiteSettingsStore(Database database, SiteStore sites, TimeProvider time)
{
    private const string Columns =
        "s.id, s.site_key AS SiteKey, s.name, s.allowed_origins AS AllowedOrigins, s.color, s.greeting, " +
        "s.wait_warn_seconds AS WaitWarnSeconds, s.wait_urgent_seconds AS WaitUrgentSeconds, " +
        "s.business_hours AS BusinessHours, s.time_zone AS TimeZone, s.require_two_factor AS RequireTwoFactor, s.mask_private_data AS MaskPrivateData, " +
        "s.complaint_hours AS ComplaintHours, s.typing_preview AS TypingPreview, s.review_url AS ReviewUrl, " +
        "s.first_reply_target_seconds AS FirstReplyTargetSeconds";

    public async Task<IReadOnlyList<SiteSettings>> ForAgentAsync(string agentId, CancellationToken ct)
    {
        var rows = await database.RunAsync((c, token) => c.QueryAsync<SiteSettingsRow>(new CommandDefinition(
            $"SELECT {Columns} FROM sites s JOIN site_agents sa ON sa.site_id = s.id WHERE sa.agent_id = @agentId ORDER BY s.created_at, s.id;",
            new { agentId }, cancellationToken: token)), ct);
        return [.. rows.Select(r => r.ToSettings())];
    }

    public async Task<SiteSettings?> FindAsync(string siteId, CancellationToken ct)
    {
        var row = await database.RunAsync((c, token) => c.QuerySingleOrDefaultAsync<SiteSettingsRow>(new CommandDefinition(
            $"SELECT {Columns} FROM sites s WHERE s.id = @siteId;", new { siteId }, cancellationToken: token)), ct);
        return row?.ToSettings();
    }

    /// <summary>Creates a site with a random key and makes the admin a member, in one transaction; a retry after a lost commit writes nothing twice.</summary>
    public async Task<SiteSettings> CreateAsync(string adminId, SiteSettings site, CancellationToken ct)
    {
        var id = Ids.New();
        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var now = time.NowMs();
        await database.RunAsync(async (c, token) =>
        {
            await using var tx = await c.BeginTransactionAsync(token);
            await c.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO sites (id, site_key, name, allowed_origins, color, greeting, wait_warn_seconds, wait_urgent_seconds, business_hours, time_zone, require_two_factor, mask_private_data, complaint_hours, typing_preview, review_url, first_reply_target_seconds, created_at)
                SELECT @id, @key, @Name, @origins, @Color, @Greeting, @warn, @urgent, @BusinessHours, @TimeZone, @requireTwoFactor, @mask, @ComplaintHours, @typing, @ReviewUrl, @target, @now
                WHERE NOT EXISTS (SELECT 1 FROM sites WHERE id = @id);
                """,
                new { id, key, site.Name, origins = string.Join(' ', site.AllowedOrigins), site.Color, site.Greeting, warn = Seconds(site.Thresholds.Warn), urgent = Seconds(site.Thresholds.Urgent), site.BusinessHours, site.TimeZone, requireTwoFactor = site.RequireTwoFactorForAdmins ? 1 : 0, mask = site.MaskPrivateData ? 1L : 0L, site.ComplaintHours, typing = site.TypingPreview ? 1L : 0L, site.ReviewUrl, target = Target(site.Thresholds), now },
                tx, cancellationToken: token));
            await c.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO site_agents (site_id, agent_id)
                SELECT @id, @adminId
                WHERE NOT EXISTS (SELECT 1 FROM site_agents WHERE site_id = @id AND agent_id = @adminId);
                """,
                new { id, adminId }, tx, cancellationToken: token));
            await tx.CommitAsync(token);
        }, ct);

        return (await FindAsync(id, ct))!;
    }

    public async Task<SiteSettings> UpdateAsync(SiteSettings site, CancellationToken ct)
    {
        await database.RunAsync((c, token) => c.ExecuteAsync(new CommandDefinition(
            """
            UPDATE sites SET name = @Name, allowed_origins = @origins, color = @Color, greeting = @Greeting,
                             wait_warn_seconds = @warn, wait_urgent_seconds = @urgent,
                             business_hours = @BusinessHours, time_zone = @TimeZone, require_two_factor = @requireTwoFactor, mask_private_data = @mask,
                             complaint_hours = @ComplaintHours, typing_preview = @typing, review_url = @ReviewUrl, first_reply_target_seconds = @target
            WHERE id = @Id;
            """,
            new { site.Id, site.Name, origins = string.Join(' ', site.AllowedOrigins), site.Color, site.Greeting, warn = Seconds(site.Thresholds.Warn), urgent = Seconds(site.Thresholds.Urgent), site.BusinessHours, site.TimeZone, requireTwoFactor = site.RequireTwoFactorForAdmins ? 1 : 0, mask = site.MaskPrivateData ? 1L : 0L, site.ComplaintHours, typing = site.TypingPreview ? 1L : 0L, site.ReviewUrl, target = Target(site.Thresholds) },
            cancellationToken: token)), ct);

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

        var ids = siteIds.ToArray();
        var rows = await database.RunAsync((c, token) => c.QueryAsync<(string Id, long Warn, long Urgent, long? Target)>(new CommandDefinition(
            $"SELECT id, wait_warn_seconds, wait_urgent_seconds, first_reply_target_seconds FROM sites WHERE {database.Dialect.InList("id", "@ids")};",
            new { ids }, cancellationToken: token)), ct);
        return rows.ToDictionary(r => r.Id, r => Thresholds(r.Warn, r.Urgent, r.Target), StringComparer.Ordinal);
    }

    private static long Seconds(TimeSpan t) => (long)Math.Round(t.TotalSeconds);

    private static long? Target(WaitThresholds t) => t.FirstReplyTarget is { } target ? Seconds(target) : null;

    private static WaitThresholds Thresholds(long warn, long urgent, long? target) =>
        new(TimeSpan.FromSeconds(warn), TimeSpan.FromSeconds(urgent)) { FirstReplyTarget = target is { } s ? TimeSpan.FromSeconds(s) : null };

    private sealed record SiteSettingsRow(
        string Id, string SiteKey, string Name, string AllowedOrigins, string Color, string Greeting, long WaitWarnSeconds, long WaitUrgentSeconds,
        string BusinessHours, string TimeZone, long RequireTwoFactor, long MaskPrivateData, long ComplaintHours, long TypingPreview, string? ReviewUrl, long? FirstReplyTargetSeconds)
    {
        public SiteSettings ToSettings() => new(Id, SiteKey, Name,
            AllowedOrigins.Split(' ', StringSplitOptions.RemoveEmptyEntries), Color, Greeting,
            Thresholds(WaitWarnSeconds, WaitUrgentSeconds, FirstReplyTargetSeconds),
            BusinessHours, TimeZone)
        {
            RequireTwoFactorForAdmins = RequireTwoFactor != 0,
            MaskPrivateData = MaskPrivateData != 0,
            ComplaintHours = (int)ComplaintHours,
            TypingPreview = TypingPreview != 0,
            ReviewUrl = ReviewUrl,
        };
    }
}
