using Chat.Server.Conversations;
using Chat.Server.Storage;
using Dapper;

namespace Chat.Server.Routing;

/// <summary>The SQL of transfers and reopened chats: each a single conditional update, so two racing requests cannot both win.</summary>
public sealed class HandoverStore(Database database)
{
    /// <summary>Moves an open conversation from one agent to another; false when it is no longer open with <paramref name="fromAgentId"/>.</summary>
    public Task<bool> MoveAsync(string conversationId, string fromAgentId, string toAgentId, CancellationToken ct) =>
        database.RunAsync(async (c, token) => await c.ExecuteAsync(new CommandDefinition(
            """
            UPDATE conversations SET agent_id = @toAgentId, agent_read_seq = 0
            WHERE id = @conversationId AND agent_id = @fromAgentId AND status = @open;
            """,
            new { conversationId, fromAgentId, toAgentId, open = ConversationStatus.Open }, cancellationToken: token)) == 1, ct);

    /// <summary>
    /// Opens a resolved conversation again for its agent; false when it is not resolved, not
    /// theirs, or the customer has started a newer one (a customer has one open chat at a time).
    /// </summary>
    public Task<bool> ReopenAsync(string conversationId, string agentId, CancellationToken ct) =>
        database.RunAsync(async (c, token) => await c.ExecuteAsync(new CommandDefinition(
            """
            UPDATE conversations SET status = @open, resolved_at = NULL
            WHERE id = @conversationId AND agent_id = @agentId AND status = @resolved
              AND NOT EXISTS (
                SELECT 1 FROM conversations newer
                WHERE newer.customer_id = conversations.customer_id AND newer.id <> conversations.id
                  AND (newer.created_at > conversations.created_at OR newer.status <> @resolved));
            """,
            new { conversationId, agentId, open = ConversationStatus.Open, resolved = ConversationStatus.Resolved }, cancellationToken: token)) == 1, ct);
}
