using Chat.Server.Storage;
using Dapper;

namespace Chat.Server.Conversations;

/// <summary>SQL for how far an agent has read a conversation: the visitor's "seen" receipts.</summary>
public sealed class SeenMarks(Database database)
{
    public async Task<long> SeenSeqAsync(string conversationId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<long>(new CommandDefinition(
            "SELECT agent_seen_seq FROM conversations WHERE id = @conversationId;", new { conversationId }, cancellationToken: ct));
    }

    /// <summary>Marks everything in the conversation as seen; returns the new mark, or null when nothing new was seen.</summary>
    public async Task<long?> MarkAllSeenAsync(string conversationId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            "UPDATE conversations SET agent_seen_seq = last_seq WHERE id = @conversationId AND agent_seen_seq < last_seq RETURNING agent_seen_seq;",
            new { conversationId }, cancellationToken: ct));
    }
}
