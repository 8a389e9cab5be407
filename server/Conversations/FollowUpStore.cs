using Chat.Server.Storage;
using Dapper;

namespace Chat.Server.Conversations;

/// <summary>SQL for conversations left as a message while nobody was there to chat.</summary>
public sealed class FollowUpStore(Database database, ConversationStore conversations, TimeProvider time)
{
    public async Task<ConversationRow> CreateAsync(string siteId, string customerId, CancellationToken ct)
    {
        var id = Ids.New();
        await database.RunAsync((c, token) => c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO conversations (id, site_id, customer_id, status, created_at, last_seq, left_message) VALUES (@id, @siteId, @customerId, @status, @now, 0, 1);",
            new { id, siteId, customerId, status = ConversationStatus.FollowUp, now = time.NowMs() }, cancellationToken: token)), ct);
        return (await conversations.FindAsync(id, ct))!;
    }

    /// <summary>Gives a follow-up to an agent as an open chat; false when it was no longer waiting.</summary>
    public Task<bool> AssignAsync(string conversationId, string agentId, CancellationToken ct) =>
        database.RunAsync(async (c, token) => await c.ExecuteAsync(new CommandDefinition(
            "UPDATE conversations SET agent_id = @agentId, status = @open, assigned_at = @now WHERE id = @conversationId AND status = @followUp;",
            new { conversationId, agentId, open = ConversationStatus.Open, followUp = ConversationStatus.FollowUp, now = time.NowMs() },
            cancellationToken: token)) == 1, ct);
}
