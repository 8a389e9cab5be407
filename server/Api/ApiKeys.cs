namespace Chat.Server.Api;

/// <summary>A key as its admins see it: never the key itself, which is shown once when created.</summary>
public sealed record ApiKeyInfo(string Id, string SiteId, string Name, IReadOnlyList<string> Scopes, long CreatedAt, long? LastUsedAt, long? RevokedAt);

/// <summary>Creating and revoking keys; who may do it is the admin port's check.</summary>
internal sealed class ApiKeys(ApiKeyStore store, TimeProvider time)
{
    public const int MaxNameLength = 100;

    /// <returns>The key's details and the whole key, which is not stored and cannot be shown again.</returns>
    public async Task<(ApiKeyInfo Info, string Key)> CreateAsync(string siteId, string? name, IEnumerable<string>? scopes, string createdBy, CancellationToken ct)
    {
        var validName = (name ?? "").Trim();
        if (validName.Length is 0 or > MaxNameLength)
        {
            throw new ChatRuleException("api_key_name_invalid", $"Name the key (1 to {MaxNameLength} characters), e.g. after the system that uses it.");
        }

        var validScopes = ApiScopes.Normalize(scopes);
        var id = Ids.New();
        var (key, hash) = ApiKeySecrets.Create(id);
        var row = new ApiKeyRow(id, siteId, validName, hash, string.Join(' ', validScopes), createdBy, time.NowMs(), null, null);
        await store.InsertAsync(row, ct);
        return (ToInfo(row), key);
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> ForSiteAsync(string siteId, CancellationToken ct) =>
        [.. (await store.ForSiteAsync(siteId, ct)).Select(ToInfo)];

    /// <summary>Revokes a key of the site; any other id is <c>not_found</c>.</summary>
    public async Task RevokeAsync(string siteId, string keyId, CancellationToken ct)
    {
        var key = string.IsNullOrEmpty(keyId) ? null : await store.FindAsync(keyId, ct);
        if (key is null || key.SiteId != siteId)
        {
            throw new ChatRuleException("not_found", "This key does not exist on this site.");
        }

        await store.RevokeAsync(key.Id, time.NowMs(), ct);
    }

    private static ApiKeyInfo ToInfo(ApiKeyRow r) =>
        new(r.Id, r.SiteId, r.Name, r.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries), r.CreatedAt, r.LastUsedAt, r.RevokedAt);
}
