using Chat.Server.Storage;
using Dapper;

namespace Chat.Server.Webhooks;

public sealed record WebhookEndpointRow(
    string Id, string SiteId, string Url, string Secret, string Events, long AllowPrivate, string CreatedBy, long CreatedAt, long? FailingSince, long? DisabledAt)
{
    public bool Wants(string eventType) => DisabledAt is null && Events.Split(' ').Contains(eventType);
}

/// <summary>Sites' webhook endpoints.</summary>
internal sealed class WebhookEndpointStore(Database database)
{
    private const string Columns =
        "id, site_id AS SiteId, url, secret, events, allow_private AS AllowPrivate, created_by AS CreatedBy, created_at AS CreatedAt, failing_since AS FailingSince, disabled_at AS DisabledAt";

    public Task<IReadOnlyList<WebhookEndpointRow>> ForSiteAsync(string siteId, CancellationToken ct) =>
        database.RunAsync<IReadOnlyList<WebhookEndpointRow>>(async (c, token) => (await c.QueryAsync<WebhookEndpointRow>(new CommandDefinition(
            $"SELECT {Columns} FROM webhook_endpoints WHERE site_id = @siteId ORDER BY created_at, id;", new { siteId }, cancellationToken: token))).AsList(), ct);

    public Task<bool> AnyEnabledAsync(CancellationToken ct) =>
        database.RunAsync(async (c, token) => await c.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM webhook_endpoints WHERE disabled_at IS NULL;", cancellationToken: token)) > 0, ct);

    public Task<WebhookEndpointRow?> FindAsync(string id, CancellationToken ct) =>
        database.RunAsync((c, token) => c.QuerySingleOrDefaultAsync<WebhookEndpointRow>(new CommandDefinition(
            $"SELECT {Columns} FROM webhook_endpoints WHERE id = @id;", new { id }, cancellationToken: token)), ct);

    public Task InsertAsync(WebhookEndpointRow row, CancellationToken ct) =>
        database.RunAsync((c, token) => c.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO webhook_endpoints (id, site_id, url, secret, events, allow_private, created_by, created_at)
            VALUES (@Id, @SiteId, @Url, @Secret, @Events, @AllowPrivate, @CreatedBy, @CreatedAt);
            """, row, cancellationToken: token)), ct);

    /// <summary>Removes the endpoint and its delivery log together.</summary>
    public Task DeleteAsync(string id, CancellationToken ct) =>
        database.RunAsync(async (c, token) =>
        {
            await using var tx = await c.BeginTransactionAsync(token);
            await c.ExecuteAsync(new CommandDefinition("DELETE FROM webhook_deliveries WHERE endpoint_id = @id;", new { id }, tx, cancellationToken: token));
            await c.ExecuteAsync(new CommandDefinition("DELETE FROM webhook_endpoints WHERE id = @id;", new { id }, tx, cancellationToken: token));
            await tx.CommitAsync(token);
        }, ct);

    /// <summary>
    /// Off (<paramref name="disabledAt"/> set) or on again. What was still pending when it went off
    /// is given up, so turning it on later starts from new events rather than a day-old backlog.
    /// </summary>
    /// <returns>False when the endpoint was already in that state (another node disabled it first).</returns>
    public Task<bool> SetDisabledAsync(string id, long? disabledAt, string reason, CancellationToken ct) =>
        database.RunAsync(async (c, token) =>
        {
            await using var tx = await c.BeginTransactionAsync(token);
            var changed = await c.ExecuteAsync(new CommandDefinition(
                disabledAt is null
                    ? "UPDATE webhook_endpoints SET disabled_at = NULL, failing_since = NULL WHERE id = @id AND disabled_at IS NOT NULL;"
                    : "UPDATE webhook_endpoints SET disabled_at = @disabledAt WHERE id = @id AND disabled_at IS NULL;",
                new { id, disabledAt }, tx, cancellationToken: token));
            if (disabledAt is not null && changed > 0)
            {
                await c.ExecuteAsync(new CommandDefinition(
                    "UPDATE webhook_deliveries SET status = 'failed', last_error = @reason WHERE endpoint_id = @id AND status = 'pending';",
                    new { id, reason }, tx, cancellationToken: token));
            }

            await tx.CommitAsync(token);
            return changed > 0;
        }, ct);

    /// <summary>A delivery failed: the endpoint has been failing since the first of these; returns since when.</summary>
    public Task<long> FailedAsync(string id, long now, CancellationToken ct) =>
        database.RunAsync(async (c, token) =>
        {
            await c.ExecuteAsync(new CommandDefinition(
                "UPDATE webhook_endpoints SET failing_since = @now WHERE id = @id AND failing_since IS NULL;", new { id, now }, cancellationToken: token));
            return await c.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT failing_since FROM webhook_endpoints WHERE id = @id;", new { id }, cancellationToken: token));
        }, ct);

    public Task SucceededAsync(string id, CancellationToken ct) =>
        database.RunAsync((c, token) => c.ExecuteAsync(new CommandDefinition(
            "UPDATE webhook_endpoints SET failing_since = NULL WHERE id = @id AND failing_since IS NOT NULL;", new { id }, cancellationToken: token)), ct);
}
