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
    /// <summary>A report lists only the latest of its 1-2 ratings; the conversations page has them all.</summary>
    public const int LowRatingsShown = 50;

    public Task<ReportRows> LoadAsync(string siteId, long fromMs, long toMs, string? agentId, CancellationToken ct) =>
        database.RunAsync(async (c, token) =>
        {
            var args = new { siteId, fromMs, toMs, agentId };
            var agentFilter = agentId is null ? "" : " AND c.agent_id = @agentId";
            // Only what the figures need, straight from the conversation row, read column by
            // column: a year of a busy site is 50,000 rows, and Dapper's per-row mapping and every
            // string per row (ids, names, status) cost more than the query itself. The id is read
            // for the 1-2 ratings only, names once per agent below.
            var conversations = new List<ConversationFacts>();
            await using (var reader = await c.ExecuteReaderAsync(new CommandDefinition(
                $"""
                SELECT CASE WHEN c.rating <= 2 THEN c.id END, c.agent_id, c.created_at, c.first_response_at,
                       CASE WHEN c.status = 'resolved' THEN c.resolved_at END, c.rating, c.left_message
                FROM conversations c
                WHERE c.site_id = @siteId AND c.created_at >= @fromMs AND c.created_at < @toMs{agentFilter};
                """, args, cancellationToken: token)))
            {
                while (await reader.ReadAsync(token))
                {
                    conversations.Add(new ConversationFacts(
                        reader.IsDBNull(0) ? null : reader.GetString(0),
                        reader.IsDBNull(1) ? null : reader.GetString(1),
                        reader.GetInt64(2),
                        reader.IsDBNull(3) ? null : reader.GetInt64(3),
                        reader.IsDBNull(4) ? null : reader.GetInt64(4),
                        reader.IsDBNull(5) ? null : reader.GetInt64(5),
                        reader.GetInt64(6) != 0));
                }
            }

            var lowIds = conversations.Where(f => f.Rating <= 2).OrderByDescending(f => f.CreatedAt).ThenBy(f => f.Id, StringComparer.Ordinal)
                .Take(LowRatingsShown).Select(f => f.Id!).ToArray();
            var lowRated = lowIds.Length == 0 ? [] : (await c.QueryAsync<LowRatedFacts>(new CommandDefinition(
                $"""
                SELECT c.id AS Id, c.rating_comment AS Comment, cu.name AS CustomerName
                FROM conversations c JOIN customers cu ON cu.id = c.customer_id
                WHERE {database.Dialect.InList("c.id", "@lowIds")};
                """, new { lowIds }, cancellationToken: token))).AsList();
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
            // The site's agents, and those who answered chats in the period but have left the site since.
            var names = (await c.QueryAsync<AgentName>(new CommandDefinition(
                "SELECT a.id AS Id, a.name AS Name FROM agents a JOIN site_agents sa ON sa.agent_id = a.id WHERE sa.site_id = @siteId;",
                args, cancellationToken: token))).AsList();
            var formerIds = conversations.Select(f => f.AgentId).OfType<string>().Distinct(StringComparer.Ordinal)
                .Except(names.Select(n => n.Id), StringComparer.Ordinal).ToArray();
            if (formerIds.Length > 0)
            {
                names.AddRange(await c.QueryAsync<AgentName>(new CommandDefinition(
                    $"SELECT id AS Id, name AS Name FROM agents WHERE {database.Dialect.InList("id", "@formerIds")};",
                    new { formerIds }, cancellationToken: token)));
            }

            return new ReportRows(conversations, lowRated, transfers, actions, names);
        }, ct);
}

internal sealed record ReportRows(
    IReadOnlyList<ConversationFacts> Conversations,
    IReadOnlyList<LowRatedFacts> LowRated,
    IReadOnlyList<AgentCount> Transfers,
    IReadOnlyList<ActionFacts> Actions,
    IReadOnlyList<AgentName> Agents);

/// <summary>One conversation of the period, as the figures see it.</summary>
/// <param name="Id">Read only for a 1-2 rating, which the report links to.</param>
/// <param name="ResolvedAt">When a resolved conversation was resolved; null while it is open again.</param>
/// <param name="LeftMessage">It began as a message left while nobody was online.</param>
internal readonly record struct ConversationFacts(string? Id, string? AgentId, long CreatedAt, long? FirstResponseAt, long? ResolvedAt, long? Rating, bool LeftMessage);

// Classes with setters: Dapper converts each provider's integer types into them.
/// <summary>What the report shows of one of the latest 1-2 ratings besides its facts.</summary>
internal sealed class LowRatedFacts
{
    public string Id { get; set; } = "";
    public string? Comment { get; set; }
    public string CustomerName { get; set; } = "";
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
