using Chat.Server.Conversations;
using Chat.Server.Storage;
using Dapper;

namespace Chat.Server.Email;

/// <summary>A conversation with messages the mailer has not dealt with yet, and what it needs to decide.</summary>
public sealed record UnmailedConversation(
    string Id, string SiteId, string CustomerId, string Status, long LeftMessage, long ByEmail, long MailSeq, long LastSeq,
    string? Email, string? Language, string CustomerName, long LastSeen);

/// <summary>The mailer is done with a conversation up to <paramref name="Seq"/>, having read it at <paramref name="FromSeq"/>.</summary>
public sealed record MailMark(string ConversationId, long FromSeq, long Seq);

/// <summary>The mailer's SQL: which conversations have replies not yet mailed, and the claim that mails each once.</summary>
public sealed class ReplyMailStore(Database database)
{
    /// <summary>
    /// Live and follow-up conversations of customers with an email, holding an agent's reply past
    /// the mailer's mark, and those resolved in the last day (a reply the agent wrote just before
    /// resolving still goes out). Chats where only the visitor wrote since are never read further.
    /// </summary>
    public async Task<IReadOnlyList<UnmailedConversation>> UnmailedAsync(long resolvedSince, CancellationToken ct) =>
        (await database.RunAsync((c, token) => c.QueryAsync<UnmailedConversation>(new CommandDefinition(
            """
            SELECT c.id, c.site_id AS SiteId, c.customer_id AS CustomerId, c.status, c.left_message AS LeftMessage, c.by_email AS ByEmail, c.mail_seq AS MailSeq,
                   c.last_seq AS LastSeq, cu.email, cu.language, cu.name AS CustomerName, cu.last_seen AS LastSeen
            FROM conversations c JOIN customers cu ON cu.id = c.customer_id
            WHERE (c.status IN ('open', 'follow_up') OR (c.status = 'resolved' AND c.resolved_at >= @resolvedSince))
              AND c.last_seq > c.mail_seq AND cu.email IS NOT NULL
              AND EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.seq > c.mail_seq AND m.sender = 'agent');
            """,
            new { resolvedSince }, cancellationToken: token)), ct)).AsList();

    public async Task<IReadOnlyList<MessageRow>> MessagesAfterAsync(string conversationId, long afterSeq, CancellationToken ct) =>
        (await database.RunAsync((c, token) => c.QueryAsync<MessageRow>(new CommandDefinition(
            """
            SELECT conversation_id AS ConversationId, seq, client_id AS ClientId, sender, sender_id AS SenderId, sender_name AS SenderName, text, created_at AS CreatedAt
            FROM messages WHERE conversation_id = @conversationId AND seq > @afterSeq ORDER BY seq;
            """,
            new { conversationId, afterSeq }, cancellationToken: token)), ct)).AsList();

    /// <summary>The agent took the chat to email: from now on their replies go out as answers do.</summary>
    public Task MarkByEmailAsync(string conversationId, CancellationToken ct) =>
        database.RunAsync((c, token) => c.ExecuteAsync(new CommandDefinition(
            "UPDATE conversations SET by_email = 1 WHERE id = @conversationId AND by_email = 0;",
            new { conversationId }, cancellationToken: token)), ct);

    /// <summary>
    /// Moves several marks in one transaction, each only from what this node read: a busy node's
    /// pass costs one commit, not one per chat.
    /// </summary>
    public Task MarkManyAsync(IReadOnlyList<MailMark> marks, CancellationToken ct) =>
        marks.Count == 0 ? Task.CompletedTask : database.RunAsync(async (c, token) =>
        {
            await using var tx = await c.BeginTransactionAsync(token);
            await c.ExecuteAsync(new CommandDefinition(
                "UPDATE conversations SET mail_seq = @Seq WHERE id = @ConversationId AND mail_seq = @FromSeq;",
                marks, tx, cancellationToken: token));
            await tx.CommitAsync(token);
        }, ct);

    /// <summary>Moves the mark from what this node read to <paramref name="seq"/>; false when another node moved it first.</summary>
    public async Task<bool> MarkAsync(string conversationId, long fromSeq, long seq, CancellationToken ct) =>
        await database.RunAsync((c, token) => c.ExecuteAsync(new CommandDefinition(
            "UPDATE conversations SET mail_seq = @seq WHERE id = @conversationId AND mail_seq = @fromSeq;",
            new { conversationId, fromSeq, seq }, cancellationToken: token)), ct) == 1;
}
