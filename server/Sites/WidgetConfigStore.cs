using System.Collections.Concurrent;
using Chat.Server.Storage;
using Dapper;

namespace Chat.Server.Sites;

/// <summary>Reads a site's widget settings; cached briefly like the site itself, since every visitor call needs them.</summary>
public sealed partial class WidgetConfigStore(Database database, TimeProvider time, ILogger<WidgetConfigStore> logger)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, (WidgetConfig Config, DateTimeOffset Until)> _bySite = new();

    public async Task<WidgetConfig> ForSiteAsync(string siteId, CancellationToken ct)
    {
        if (_bySite.TryGetValue(siteId, out var cached) && cached.Until > time.GetUtcNow())
        {
            return cached.Config;
        }

        var row = await database.RunAsync((c, token) => c.QuerySingleOrDefaultAsync<ConfigRow>(new CommandDefinition(
            """
            SELECT identity_secret AS IdentitySecret, email_required AS EmailRequired, business_hours AS BusinessHours,
                   time_zone AS TimeZone, launcher_position AS LauncherPosition, mask_private_data AS MaskPrivateData,
                   typing_preview AS TypingPreview, review_url AS ReviewUrl
            FROM sites WHERE id = @siteId;
            """,
            new { siteId }, cancellationToken: token)), ct);
        var config = row is null ? WidgetConfig.Default : ToConfig(siteId, row);
        _bySite[siteId] = (config, time.GetUtcNow() + CacheFor);
        return config;
    }

    /// <summary>Drops the cached settings of a site whose settings were just saved.</summary>
    public void Forget(string siteId) => _bySite.TryRemove(siteId, out _);

    private WidgetConfig ToConfig(string siteId, ConfigRow row)
    {
        BusinessHours hours;
        try
        {
            hours = BusinessHours.Parse(row.BusinessHours, row.TimeZone);
        }
        catch (FormatException e)
        {
            // A typo in the settings must not take the chat down: the site counts as always open until fixed.
            LogBadHours(siteId, e.Message);
            hours = BusinessHours.AlwaysOpen;
        }

        return new WidgetConfig(
            string.IsNullOrEmpty(row.IdentitySecret) ? null : row.IdentitySecret,
            row.EmailRequired != 0,
            hours,
            row.LauncherPosition == "left" ? "left" : "right")
        {
            MasksPrivateData = row.MaskPrivateData != 0,
            TypingPreview = row.TypingPreview != 0,
            ReviewUrl = row.ReviewUrl,
        };
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Site {SiteId} has business hours that cannot be read ({Reason}); treating it as always open")]
    private partial void LogBadHours(string siteId, string reason);

    private sealed record ConfigRow(string? IdentitySecret, long EmailRequired, string BusinessHours, string TimeZone, string LauncherPosition, long MaskPrivateData, long TypingPreview, string? ReviewUrl);
}
