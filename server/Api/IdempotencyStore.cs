using Chat.Server.Storage;
using Dapper;

namespace Chat.Server.Api;

/// <summary>The first answer to a request with an Idempotency-Key, per API key, kept a day.</summary>
internal sealed class IdempotencyStore(Database database, TimeProvider time)
{
    public static readonly TimeSpan KeptFor = TimeSpan.FromHours(24);

    public sealed record Stored(string RequestHash, long Status, string? Body);

    /// <summary>Claims the key for this request; null when claimed, else what the first request stored (status 0: still running).</summary>
    public async Task<Stored?> BeginAsync(string keyId, string idempotencyKey, string requestHash, CancellationToken ct)
    {
        var now = time.NowMs();
        try
        {
            await database.RunAsync(async (c, token) =>
            {
                await c.ExecuteAsync(new CommandDefinition(
                    "DELETE FROM api_idempotency WHERE created_at < @cutoff;", new { cutoff = now - (long)KeptFor.TotalMilliseconds }, cancellationToken: token));
                await c.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO api_idempotency (key_id, idempotency_key, request_hash, status, created_at) VALUES (@keyId, @idempotencyKey, @requestHash, 0, @now);",
                    new { keyId, idempotencyKey, requestHash, now }, cancellationToken: token));
            }, ct);
            return null;
        }
        catch (Exception e) when (SqlDialect.IsUniqueViolation(e))
        {
            return await database.RunAsync((c, token) => c.QuerySingleOrDefaultAsync<Stored>(new CommandDefinition(
                "SELECT request_hash AS RequestHash, status, body FROM api_idempotency WHERE key_id = @keyId AND idempotency_key = @idempotencyKey;",
                new { keyId, idempotencyKey }, cancellationToken: token)), ct) ?? new Stored(requestHash, 0, null);
        }
    }

    public Task CompleteAsync(string keyId, string idempotencyKey, int status, string body, CancellationToken ct) =>
        database.RunAsync((c, token) => c.ExecuteAsync(new CommandDefinition(
            "UPDATE api_idempotency SET status = @status, body = @body WHERE key_id = @keyId AND idempotency_key = @idempotencyKey;",
            new { keyId, idempotencyKey, status, body }, cancellationToken: token)), ct);

    /// <summary>The request failed in a way worth retrying (a server fault, a rate limit): the key is free again.</summary>
    public Task ForgetAsync(string keyId, string idempotencyKey, CancellationToken ct) =>
        database.RunAsync((c, token) => c.ExecuteAsync(new CommandDefinition(
            "DELETE FROM api_idempotency WHERE key_id = @keyId AND idempotency_key = @idempotencyKey;",
            new { keyId, idempotencyKey }, cancellationToken: token)), ct);
}
