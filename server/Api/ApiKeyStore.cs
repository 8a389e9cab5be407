using Chat.Server.Storage;
using Dapper;

namespace Chat.Server.Api;

/// <summary>A stored API key: never the key itself, only the hash of its secret.</summary>
public sealed record ApiKeyRow(string Id, string SiteId, string Name, string KeyHash, string Scopes, string CreatedBy, long CreatedAt, long? LastUsedAt, long? RevokedAt);

/// <summary>API keys of the sites, created and revoked by their admins.</summary>
internal sealed class ApiKeyStore(Database database)
{
    private const string Columns =
        "id, site_id AS SiteId, name, key_hash AS KeyHash, scopes, created_by AS CreatedBy, created_at AS CreatedAt, last_used_at AS LastUsedAt, revoked_at AS RevokedAt";

    public Task<ApiKeyRow?> FindAsync(string id, CancellationToken ct) =>
        database.RunAsync((c, token) => c.QuerySingleOrDefaultAsync<ApiKeyRow>(new CommandDefinition(
            $"SELECT {Columns} FROM api_keys WHERE id = @id;", new { id }, cancellationToken: token)), ct);

    public Task<IReadOnlyList<ApiKeyRow>> ForSiteAsync(string siteId, CancellationToken ct) =>
        database.RunAsync<IReadOnlyList<ApiKeyRow>>(async (c, token) => (await c.QueryAsync<ApiKeyRow>(new CommandDefinition(
            $"SELECT {Columns} FROM api_keys WHERE site_id = @siteId ORDER BY created_at DESC, id;", new { siteId }, cancellationToken: token))).AsList(), ct);

    public Task InsertAsync(ApiKeyRow key, CancellationToken ct) =>
        database.RunAsync((c, token) => c.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO api_keys (id, site_id, name, key_hash, scopes, created_by, created_at)
            VALUES (@Id, @SiteId, @Name, @KeyHash, @Scopes, @CreatedBy, @CreatedAt);
            """, key, cancellationToken: token)), ct);

    public Task<bool> RevokeAsync(string id, long now, CancellationToken ct) =>
        database.RunAsync(async (c, token) => await c.ExecuteAsync(new CommandDefinition(
            "UPDATE api_keys SET revoked_at = @now WHERE id = @id AND revoked_at IS NULL;", new { id, now }, cancellationToken: token)) > 0, ct);

    public Task TouchAsync(string id, long now, CancellationToken ct) =>
        database.RunAsync((c, token) => c.ExecuteAsync(new CommandDefinition(
            "UPDATE api_keys SET last_used_at = @now WHERE id = @id;", new { id, now }, cancellationToken: token)), ct);
}
