using Chat.Server.Storage;
using Dapper;

namespace Chat.Server.Conversations;

/// <summary>SQL for conversations left as a message while nobody was there to chat.</summary>
public sealed class FollowUpStore(Database database, ConversationStore conversations)
{
    public async Task<ConversationRow> CreateAsync(string siteId, string customerId, CancellationToken ct)
    {
        var id = Ids.New();
        await using (var connection = await database.OpenAsync(ct))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO conversations (id, site_id, customer_id, status, created_at) VALUES (@id, @siteId, @customerId, @status, @now);",
                new { id, siteId, customerId, status = ConversationStatus.FollowUp, now = Clock.NowMs() }, cancellationToken: ct));
        }

        return (await conversations.FindAsync(id, ct))!;
    }
}
