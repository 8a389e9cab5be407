using Chat.Server.Storage;
using Dapper;

namespace Chat.Server.Email;

/// <summary>
/// The outbox's SQL. Each change of state is one conditional update, so several nodes claim an
/// email once, and a node that died mid-send gives its claim back when it runs out.
/// </summary>
public sealed class OutboxStore(Database database)
{
    private const string Columns =
        "id, site_id AS SiteId, conversation_id AS ConversationId, kind, to_address AS ToAddress, from_name AS FromName, reply_to AS ReplyTo, " +
        "subject, text_body AS TextBody, html_body AS HtmlBody, dedupe_key AS DedupeKey, created_at AS CreatedAt, status, attempts, " +
        "next_attempt_at AS NextAttemptAt, sent_at AS SentAt, last_error AS LastError";

    /// <summary>Queues the email; false when one with the same dedupe key was queued before (nothing is written then).</summary>
    public async Task<bool> AddAsync(OutboxEmail email, CancellationToken ct)
    {
        try
        {
            return await database.RunAsync((c, token) => c.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO email_outbox (id, site_id, conversation_id, kind, to_address, from_name, reply_to, subject, text_body, html_body,
                                          dedupe_key, created_at, status, attempts, next_attempt_at)
                SELECT @Id, @SiteId, @ConversationId, @Kind, @ToAddress, @FromName, @ReplyTo, @Subject, @TextBody, @HtmlBody,
                       @DedupeKey, @CreatedAt, @Status, 0, @NextAttemptAt
                WHERE NOT EXISTS (SELECT 1 FROM email_outbox WHERE dedupe_key = @DedupeKey);
                """,
                email, cancellationToken: token)), ct) == 1;
        }
        catch (Exception e) when (SqlDialect.IsUniqueViolation(e))
        {
            return false;
        }
    }

    /// <summary>Emails due now: queued ones whose time has come, and claims that ran out.</summary>
    public async Task<IReadOnlyList<OutboxEmail>> DueAsync(long now, int limit, CancellationToken ct) =>
        (await database.RunAsync((c, token) => c.QueryAsync<OutboxEmail>(new CommandDefinition(
            database.Dialect.FirstRows(
                $"""
                {Columns} FROM email_outbox
                WHERE (status = 'queued' AND next_attempt_at <= @now) OR (status = 'sending' AND claimed_until < @now)
                ORDER BY next_attempt_at
                """, "@limit") + ";",
            new { now, limit }, cancellationToken: token)), ct)).AsList();

    /// <summary>Claims the email for one attempt until <paramref name="until"/>; false when another node has it.</summary>
    public async Task<bool> ClaimAsync(string id, long now, long until, CancellationToken ct) =>
        await database.RunAsync((c, token) => c.ExecuteAsync(new CommandDefinition(
            """
            UPDATE email_outbox SET status = 'sending', claimed_until = @until, attempts = attempts + 1
            WHERE id = @id AND ((status = 'queued' AND next_attempt_at <= @now) OR (status = 'sending' AND claimed_until < @now));
            """,
            new { id, now, until }, cancellationToken: token)), ct) == 1;

    public Task MarkSentAsync(string id, long now, CancellationToken ct) =>
        database.RunAsync((c, token) => c.ExecuteAsync(new CommandDefinition(
            "UPDATE email_outbox SET status = 'sent', sent_at = @now, claimed_until = NULL, last_error = NULL WHERE id = @id;",
            new { id, now }, cancellationToken: token)), ct);

    /// <summary>Puts it back in the queue for <paramref name="nextAttemptAt"/>, or marks it failed when <paramref name="nextAttemptAt"/> is null.</summary>
    public Task MarkAttemptFailedAsync(string id, string error, long? nextAttemptAt, CancellationToken ct) =>
        database.RunAsync((c, token) => c.ExecuteAsync(new CommandDefinition(
            """
            UPDATE email_outbox
            SET status = CASE WHEN @nextAttemptAt IS NULL THEN 'failed' ELSE 'queued' END,
                next_attempt_at = COALESCE(@nextAttemptAt, next_attempt_at), claimed_until = NULL, last_error = @error
            WHERE id = @id AND status = 'sending';
            """,
            new { id, error = error.Length > 1000 ? error[..1000] : error, nextAttemptAt }, cancellationToken: token)), ct);

    /// <summary>A failed email back in the queue with a fresh count of attempts; false unless it had failed and belongs to one of these sites.</summary>
    public async Task<bool> ResendAsync(string id, IReadOnlyCollection<string> siteIds, long now, CancellationToken ct)
    {
        if (siteIds.Count == 0)
        {
            return false;
        }

        var ids = siteIds.ToArray();
        return await database.RunAsync((c, token) => c.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE email_outbox SET status = 'queued', attempts = 0, next_attempt_at = @now, last_error = NULL
            WHERE id = @id AND status = 'failed' AND {database.Dialect.InList("site_id", "@ids")};
            """,
            new { id, ids, now }, cancellationToken: token)), ct) == 1;
    }

    /// <summary>Emails of these sites that failed after their last attempt, newest first.</summary>
    public async Task<IReadOnlyList<OutboxEmail>> FailedForSitesAsync(IReadOnlyCollection<string> siteIds, int limit, CancellationToken ct)
    {
        if (siteIds.Count == 0)
        {
            return [];
        }

        var ids = siteIds.ToArray();
        return (await database.RunAsync((c, token) => c.QueryAsync<OutboxEmail>(new CommandDefinition(
            database.Dialect.FirstRows(
                $"{Columns} FROM email_outbox WHERE status = 'failed' AND {database.Dialect.InList("site_id", "@ids")} ORDER BY created_at DESC", "@limit") + ";",
            new { ids, limit }, cancellationToken: token)), ct)).AsList();
    }
}
