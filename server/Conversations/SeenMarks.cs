using Chat.Server.Storage;
using Dapper;

namespace Chat.Server.Conversations;

/// <summary>SQL for how far an agent has read a conversation: the visitor's "seen" receipts.</summary>
public sealed class SeenMarks(Database database)
{
    public Task<long> SeenSeqAsync(string conversationId, CancellationToken ct) =>
        database.RunAsync((c, token) => c.QuerySingleOrDefaultAsync<long>(new CommandDefinition(
            "SELECT agent_seen_seq FROM conversations WHERE id = @conversationId;", new { conversationId }, cancellationToken: token)), ct);

    /// <summary>Marks everything in the conversation as seen; returns the new mark, or null when nothing new was seen.</summary>
    public Task<long?> MarkAllSeenAsync(string conversationId, CancellationToken ct) =>
        database.RunAsync(async (c, token) =>
        {
            await using var tx = await c.BeginTransactionAsync(token);
            var moved = await c.ExecuteAsync(new CommandDefinition(
                "UPDATE conversations SET agent_seen_seq = last_seq WHERE id = @conversationId AND agent_seen_seq < last_seq;",
                new { conversationId }, tx, cancellationToken: token));
            long? mark = moved == 1
                ? await c.QuerySingleAsync<long>(new CommandDefinition(
                    "SELECT agent_seen_seq FROM conversations WHERE id = @conversationId;", new { conversationId }, tx, cancellationToken: token))
                : null;
            await tx.CommitAsync(token);
            return mark;
        }, ct);
}
