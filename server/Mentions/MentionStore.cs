using Chat.Server.Storage;
using Dapper;

namespace Chat.Server.Mentions;

/// <summary>Who was named in which note: each agent's list of mentions, newest first.</summary>
public sealed class MentionStore(Database database)
{
    /// <summary>How many of an agent's mentions their list shows.</summary>
    public const int ListSize = 20;

    public Task AddAsync(string noteId, string conversationId, IReadOnlyList<string> agentIds, long at, CancellationToken ct) =>
        agentIds.Count == 0
            ? Task.CompletedTask
            : database.RunAsync(async (c, token) =>
            {
                await using var tx = await c.BeginTransactionAsync(token);
                foreach (var agentId in agentIds)
                {
                    await c.ExecuteAsync(new CommandDefinition(
                        "INSERT INTO note_mentions (note_id, agent_id, conversation_id, created_at) VALUES (@noteId, @agentId, @conversationId, @at);",
                        new { noteId, agentId, conversationId, at }, tx, cancellationToken: token));
                }

                await tx.CommitAsync(token);
            }, ct);

    /// <summary>The agent's latest mentions, with the note and the customer of each chat.</summary>
    public async Task<IReadOnlyList<MentionRow>> ForAgentAsync(string agentId, CancellationToken ct) =>
        (await database.RunAsync((c, token) => c.QueryAsync<MentionRow>(new CommandDefinition(
            database.Dialect.FirstRows(
                """
                m.conversation_id AS ConversationId, n.author_name AS AuthorName, n.text AS Text, m.created_at AS CreatedAt,
                       cu.name AS CustomerName
                FROM note_mentions m
                JOIN notes n ON n.id = m.note_id
                JOIN conversations co ON co.id = m.conversation_id
                JOIN customers cu ON cu.id = co.customer_id
                WHERE m.agent_id = @agentId
                ORDER BY m.created_at DESC
                """,
                "@take") + ";",
            new { agentId, take = ListSize }, cancellationToken: token)), ct)).AsList();
}

public sealed class MentionRow
{
    public string ConversationId { get; init; } = "";

    public string AuthorName { get; init; } = "";

    public string Text { get; init; } = "";

    public long CreatedAt { get; init; }

    public string CustomerName { get; init; } = "";
}
