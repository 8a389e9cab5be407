using Chat.Server.Storage;
using Dapper;

namespace Chat.Server.Reports;

/// <summary>
/// The rows behind a report: a site's conversations started in the period (found by
/// ix_conversations_site_created), their transfer notes, and the next actions that fell due
/// (ix_next_actions_site_due). No query reads the messages table: every figure comes from the
/// times the conversation row keeps (first reply, resolution, rating), so a report costs as much
/// as the period's conversations, whatever the number of messages.
/// </summary>
internal sealed class ReportStore(Database database)
{
    public Task<ReportRows> LoadAsync(string siteId, long fromMs, long toMs, string? agentId, CancellationToken ct) =>
        database.RunAsync(async (c, token) =>
        {
            var args = new { siteId, fromMs, toMs, agentId };
            var agentFilter = agentId is null ? "" : " AND c.agent_id = @agentId";
            var conversations = (await c.QueryAsync<ConversationFacts>(new CommandDefinition(
                $"""
                SELECT c.id AS Id, c.agent_id AS AgentId, a.name AS AgentName, c.created_at AS CreatedAt,
                       c.first_response_at AS FirstResponseAt, c.resolved_at AS ResolvedAt, c.status AS Status,
                       c.rating AS Rating, CASE WHEN c.rating <= 2 THEN c.rating_comment END AS RatingComment,
                       CASE WHEN c.rating <= 2 THEN cu.name END AS CustomerName, c.left_message AS LeftMessage
                FROM conversations c
                LEFT JOIN agents a ON a.id = c.agent_id
                JOIN customers cu ON cu.id = c.customer_id
                WHERE c.site_id = @siteId AND c.created_at >= @fromMs AND c.created_at < @toMs{agentFilter};
                """, args, cancellationToken: token))).AsList();
            var transfers = (await c.QueryAsync<AgentCount>(new CommandDefinition(
                $"""
                SELECT n.author_id AS AgentId, COUNT(*) AS Count
                FROM conversations c JOIN notes n ON n.conversation_id = c.id
                WHERE c.site_id = @siteId AND c.created_at >= @fromMs AND c.created_at < @toMs AND n.kind = 'transfer'{(agentId is null ? "" : " AND n.author_id = @agentId")}
                GROUP BY n.author_id;
                """, args, cancellationToken: token))).AsList();
            var actions = (await c.QueryAsync<ActionFacts>(new CommandDefinition(
                $"""
                SELECT owner_id AS OwnerId, due_at AS DueAt, done_at AS DoneAt
                FROM next_actions
                WHERE site_id = @siteId AND due_at >= @fromMs AND due_at < @toMs{(agentId is null ? "" : " AND owner_id = @agentId")};
                """, args, cancellationToken: token))).AsList();
            var names = (await c.QueryAsync<AgentName>(new CommandDefinition(
                "SELECT a.id AS Id, a.name AS Name FROM agents a JOIN site_agents sa ON sa.agent_id = a.id WHERE sa.site_id = @siteId;",
                args, cancellationToken: token))).AsList();
            return new ReportRows(conversations, transfers, actions, names);
        }, ct);
}

internal sealed record ReportRows(
    IReadOnlyList<ConversationFacts> Conversations,
    IReadOnlyList<AgentCount> Transfers,
    IReadOnlyList<ActionFacts> Actions,
    IReadOnlyList<AgentName> Agents);

// Classes with setters: Dapper converts each provider's integer types into them.
internal sealed class ConversationFacts
{
    public string Id { get; set; } = "";
    public string? AgentId { get; set; }
    public string? AgentName { get; set; }
    public long CreatedAt { get; set; }
    public long? FirstResponseAt { get; set; }
    public long? ResolvedAt { get; set; }
    public string Status { get; set; } = "";
    public long? Rating { get; set; }
    public string? RatingComment { get; set; }
    public string? CustomerName { get; set; }
    public long LeftMessage { get; set; }
}

internal sealed class AgentCount
{
    public string AgentId { get; set; } = "";
    public long Count { get; set; }
}

internal sealed class ActionFacts
{
    public string OwnerId { get; set; } = "";
    public long DueAt { get; set; }
    public long? DoneAt { get; set; }
}

internal sealed class AgentName
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
}
