using System.Data.Common;
using Chat.Server.Storage;
using Dapper;

namespace Chat.Server.CustomerData;

/// <summary>
/// Erasing what a customer wrote and told us, while keeping the rows reports count: a
/// conversation stays a conversation (with its times, status and star rating), a message stays
/// a message, but every text a person wrote reads "erased" and the customer's personal fields are
/// cleared. One transaction each, so an erasure is never half done.
/// </summary>
public sealed class CustomerEraser(Database database, TimeProvider time)
{
    /// <summary>What an erased text reads.</summary>
    public const string Erased = "erased";

    /// <summary>Erases the customer and all their conversations; their browsers' tokens stop working.</summary>
    public Task EraseCustomerAsync(string customerId, CancellationToken ct)
    {
        var now = time.NowMs();
        return database.RunAsync(async (c, token) =>
        {
            await using var tx = await c.BeginTransactionAsync(token);
            const string Mine = "conversation_id IN (SELECT id FROM conversations WHERE customer_id = @customerId)";
            await EraseTextsAsync(c, tx, Mine, new { customerId, now }, token);
            await c.ExecuteAsync(new CommandDefinition(
                "UPDATE conversations SET rating_comment = NULL, erased_at = COALESCE(erased_at, @now) WHERE customer_id = @customerId;",
                new { customerId, now }, tx, cancellationToken: token));
            await c.ExecuteAsync(new CommandDefinition("DELETE FROM customer_tags WHERE customer_id = @customerId;", new { customerId }, tx, cancellationToken: token));
            await c.ExecuteAsync(new CommandDefinition("DELETE FROM customer_attributes WHERE customer_id = @customerId;", new { customerId }, tx, cancellationToken: token));
            await c.ExecuteAsync(new CommandDefinition("DELETE FROM visitor_devices WHERE customer_id = @customerId;", new { customerId }, tx, cancellationToken: token));
            // The token hash must stay unique and can no longer match any browser's token.
            await c.ExecuteAsync(new CommandDefinition(
                """
                UPDATE customers
                SET name = @erased, email = NULL, external_id = NULL, token_hash = @tokenHash,
                    page_url = NULL, page_title = NULL, time_zone = NULL, user_agent = NULL, erased_at = @now
                WHERE id = @customerId;
                """,
                new { customerId, now, erased = Erased, tokenHash = $"erased:{customerId}" }, tx, cancellationToken: token));
            await tx.CommitAsync(token);
        }, ct);
    }

    /// <summary>
    /// Erases one resolved conversation's texts, once: false when it was already erased (another
    /// node's retention pass, or its customer's erasure, got there first).
    /// </summary>
    public Task<bool> EraseConversationAsync(string conversationId, CancellationToken ct)
    {
        var now = time.NowMs();
        return database.RunAsync(async (c, token) =>
        {
            await using var tx = await c.BeginTransactionAsync(token);
            // The claim: a conditional update, so several nodes erase (and audit) each conversation once.
            var claimed = await c.ExecuteAsync(new CommandDefinition(
                "UPDATE conversations SET rating_comment = NULL, erased_at = @now WHERE id = @conversationId AND erased_at IS NULL;",
                new { conversationId, now }, tx, cancellationToken: token));
            if (claimed == 0)
            {
                return false;
            }

            await EraseTextsAsync(c, tx, "conversation_id = @conversationId", new { conversationId, now }, token);
            await tx.CommitAsync(token);
            return true;
        }, ct);
    }

    /// <summary>Messages, notes and next actions whose conversation matches <paramref name="which"/>.</summary>
    private static async Task EraseTextsAsync(DbConnection c, DbTransaction tx, string which, object args, CancellationToken token)
    {
        var parameters = new DynamicParameters(args);
        parameters.Add("erased", Erased);
        // The visitor's name goes too; agents keep theirs, as on a deleted agent's messages.
        await c.ExecuteAsync(new CommandDefinition(
            $"UPDATE messages SET text = @erased, sender_name = CASE WHEN sender = 'visitor' THEN @erased ELSE sender_name END WHERE {which};",
            parameters, tx, cancellationToken: token));
        await c.ExecuteAsync(new CommandDefinition(
            $"UPDATE notes SET text = @erased WHERE {which};",
            parameters, tx, cancellationToken: token));
        await c.ExecuteAsync(new CommandDefinition(
            $"UPDATE next_actions SET what = @erased, outcome = CASE WHEN outcome IS NULL THEN NULL ELSE @erased END WHERE {which};",
            parameters, tx, cancellationToken: token));
        // Emails hold the texts and the address, and are counted by nothing: they go, sent or not,
        // and so do their tokens, so the reopen links and reply addresses lead nowhere.
        await c.ExecuteAsync(new CommandDefinition($"DELETE FROM email_outbox WHERE {which};", parameters, tx, cancellationToken: token));
        await c.ExecuteAsync(new CommandDefinition($"DELETE FROM email_tokens WHERE {which};", parameters, tx, cancellationToken: token));
    }
}
