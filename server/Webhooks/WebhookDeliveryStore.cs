using Chat.Server.Storage;
using Dapper;

namespace Chat.Server.Webhooks;

public static class DeliveryStatus
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
}

public sealed record WebhookDeliveryRow(
    string Id, string EndpointId, string EventId, string EventType, string OrderingKey, string Payload, string Status, long Attempts,
    long CreatedAt, long NextAttemptAt, long? LastAttemptAt, long? LastResponseCode, string? LastError);

/// <summary>
/// The outbox and delivery log in one table. A delivery is claimed by a conditional update of its
/// next attempt time (a lease), so with several nodes each attempt is made by one of them.
/// </summary>
internal sealed class WebhookDeliveryStore(Database database)
{
    private const string Columns =
        "d.id, d.endpoint_id AS EndpointId, d.event_id AS EventId, d.event_type AS EventType, d.ordering_key AS OrderingKey, d.payload, d.status, d.attempts, " +
        "d.created_at AS CreatedAt, d.next_attempt_at AS NextAttemptAt, d.last_attempt_at AS LastAttemptAt, d.last_response_code AS LastResponseCode, d.last_error AS LastError";

    /// <summary>Adds the delivery unless the endpoint already has this event id; true when added.</summary>
    public async Task<bool> AddAsync(WebhookDeliveryRow row, CancellationToken ct)
    {
        try
        {
            await database.RunAsync((c, token) => c.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO webhook_deliveries (id, endpoint_id, event_id, event_type, ordering_key, payload, status, attempts, created_at, next_attempt_at)
                VALUES (@Id, @EndpointId, @EventId, @EventType, @OrderingKey, @Payload, @Status, 0, @CreatedAt, @NextAttemptAt);
                """, row, cancellationToken: token)), ct);
            return true;
        }
        catch (Exception e) when (SqlDialect.IsUniqueViolation(e))
        {
            return false;
        }
    }

    /// <summary>
    /// Pending deliveries due now of enabled endpoints, each the oldest pending one of its
    /// conversation (or customer) for its endpoint, so a receiver gets them in order.
    /// </summary>
    public Task<IReadOnlyList<WebhookDeliveryRow>> DueAsync(long now, int max, CancellationToken ct) =>
        database.RunAsync<IReadOnlyList<WebhookDeliveryRow>>(async (c, token) => (await c.QueryAsync<WebhookDeliveryRow>(new CommandDefinition(
            database.Dialect.FirstRows(
                $"""
                {Columns} FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
                WHERE d.status = 'pending' AND d.next_attempt_at <= @now AND e.disabled_at IS NULL
                  AND NOT EXISTS (
                    SELECT 1 FROM webhook_deliveries p
                    WHERE p.endpoint_id = d.endpoint_id AND p.ordering_key = d.ordering_key AND p.status = 'pending'
                      AND (p.created_at < d.created_at OR (p.created_at = d.created_at AND p.id < d.id)))
                ORDER BY d.created_at, d.id
                """, "@max"),
            new { now, max }, cancellationToken: token))).AsList(), ct);

    /// <summary>Takes the attempt: only one caller moves the next attempt time from what it read.</summary>
    public Task<bool> ClaimAsync(WebhookDeliveryRow row, long leaseUntil, CancellationToken ct) =>
        database.RunAsync(async (c, token) => await c.ExecuteAsync(new CommandDefinition(
            """
            UPDATE webhook_deliveries SET next_attempt_at = @leaseUntil, attempts = attempts + 1
            WHERE id = @Id AND status = 'pending' AND next_attempt_at = @NextAttemptAt;
            """, new { row.Id, row.NextAttemptAt, leaseUntil }, cancellationToken: token)) == 1, ct);

    public Task RecordAsync(string id, string status, long now, long? nextAttemptAt, int? responseCode, string? error, CancellationToken ct) =>
        database.RunAsync((c, token) => c.ExecuteAsync(new CommandDefinition(
            """
            UPDATE webhook_deliveries
            SET status = @status, last_attempt_at = @now, next_attempt_at = COALESCE(@nextAttemptAt, next_attempt_at),
                last_response_code = @responseCode, last_error = @error
            WHERE id = @id;
            """, new { id, status, now, nextAttemptAt, responseCode, error }, cancellationToken: token)), ct);

    public Task<IReadOnlyList<WebhookDeliveryRow>> LatestAsync(string endpointId, int max, CancellationToken ct) =>
        database.RunAsync<IReadOnlyList<WebhookDeliveryRow>>(async (c, token) => (await c.QueryAsync<WebhookDeliveryRow>(new CommandDefinition(
            database.Dialect.FirstRows($"{Columns} FROM webhook_deliveries d WHERE d.endpoint_id = @endpointId ORDER BY d.created_at DESC, d.id DESC", "@max"),
            new { endpointId, max }, cancellationToken: token))).AsList(), ct);

    public Task<WebhookDeliveryRow?> FindAsync(string id, CancellationToken ct) =>
        database.RunAsync((c, token) => c.QuerySingleOrDefaultAsync<WebhookDeliveryRow>(new CommandDefinition(
            $"SELECT {Columns} FROM webhook_deliveries d WHERE d.id = @id;", new { id }, cancellationToken: token)), ct);

    /// <summary>An admin's Retry: pending again and due now, keeping its place in order and its event id.</summary>
    public Task RetryAsync(string id, long now, CancellationToken ct) =>
        database.RunAsync((c, token) => c.ExecuteAsync(new CommandDefinition(
            "UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = @now WHERE id = @id;", new { id, now }, cancellationToken: token)), ct);
}
