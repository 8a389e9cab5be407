using System.Collections.Concurrent;
using Chat.Server.Storage;
using Dapper;

namespace Chat.Server.Sites;

/// <summary>
/// Reads sites. Every widget request and hub connection looks its site up, and sites change
/// rarely, so lookups are cached for a short while.
/// </summary>
public sealed class SiteStore(Database database, TimeProvider time)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, (Site? Site, DateTimeOffset Until)> _byKey = new();

    public async Task<Site?> FindByKeyAsync(string siteKey, CancellationToken ct)
    {
        if (siteKey.Length is 0 or > 64)
        {
            return null;
        }

        if (_byKey.TryGetValue(siteKey, out var cached) && cached.Until > time.GetUtcNow())
        {
            return cached.Site;
        }

        var row = await database.RunAsync((c, token) => c.QuerySingleOrDefaultAsync<SiteRow>(new CommandDefinition(
            "SELECT id, site_key AS SiteKey, name, allowed_origins AS AllowedOrigins, color, greeting FROM sites WHERE site_key = @siteKey;",
            new { siteKey }, cancellationToken: token)), ct);
        var site = row?.ToSite();
        _byKey[siteKey] = (site, time.GetUtcNow() + CacheFor);
        return site;
    }

    public async Task<Site?> FindByIdAsync(string id, CancellationToken ct)
    {
        var row = await database.RunAsync((c, token) => c.QuerySingleOrDefaultAsync<SiteRow>(new CommandDefinition(
            "SELECT id, site_key AS SiteKey, name, allowed_origins AS AllowedOrigins, color, greeting FROM sites WHERE id = @id;",
            new { id }, cancellationToken: token)), ct);
        return row?.ToSite();
    }

    /// <summary>Several sites in one query, by id; missing ids are simply absent.</summary>
    public async Task<IReadOnlyDictionary<string, Site>> FindManyByIdAsync(IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return new Dictionary<string, Site>();
        }

        var rows = await database.RunAsync((c, token) => c.QueryAsync<SiteRow>(new CommandDefinition(
            $"SELECT id, site_key AS SiteKey, name, allowed_origins AS AllowedOrigins, color, greeting FROM sites WHERE {database.Dialect.InList("id", "@ids")};",
            new { ids = ids.Distinct().ToArray() }, cancellationToken: token)), ct);
        return rows.Select(r => r.ToSite()).ToDictionary(s => s.Id);
    }

    /// <summary>Drops the cached look-up after an admin changed the site.</summary>
    public void Forget(string siteKey) => _byKey.TryRemove(siteKey, out _);

    private sealed record SiteRow(string Id, string SiteKey, string Name, string AllowedOrigins, string Color, string Greeting)
    {
        public Site ToSite() => new(Id, SiteKey, Name,
            AllowedOrigins.Split(' ', StringSplitOptions.RemoveEmptyEntries), Color, Greeting);
    }
}
