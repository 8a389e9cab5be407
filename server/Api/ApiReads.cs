using Chat.Server.Conversations;
using Chat.Server.Customers;
using Chat.Server.NextActions;
using Chat.Server.Storage;
using Dapper;

namespace Chat.Server.Api;

/// <summary>
/// The API's lists, each one site's rows in a stable order with keyset paging: one more row than
/// the page is read to tell whether a next page exists. Writes never happen here.
/// </summary>
internal sealed class ApiReads(Database database)
{
    private const string ConversationColumns =
        """
        c.id, c.site_id AS SiteId, c.customer_id AS CustomerId, c.agent_id AS AgentId, a.name AS AgentName,
        c.status, c.created_at AS CreatedAt, c.assigned_at AS AssignedAt, c.first_response_at AS FirstResponseAt,
        c.resolved_at AS ResolvedAt, c.rating, c.rating_comment AS RatingComment, c.last_seq AS LastSeq
        FROM conversations c LEFT JOIN agents a ON a.id = c.agent_id
        """;

    private const string CustomerColumns = "id, site_id AS SiteId, name, email, first_seen AS FirstSeen, last_seen AS LastSeen, visits";

    private const string NextActionColumns =
        "id, conversation_id AS ConversationId, site_id AS SiteId, client_id AS ClientId, kind, what, owner_id AS OwnerId, owner_name AS OwnerName, " +
        "due_at AS DueAt, created_by AS CreatedBy, created_at AS CreatedAt, reminded_at AS RemindedAt, overdue_at AS OverdueAt, done_at AS DoneAt, outcome";

    /// <summary>Newest first.</summary>
    public Task<IReadOnlyList<ConversationRow>> ConversationsAsync(
        string siteId, string? status, string? agentId, string? customerId, ApiCursor? after, int limit, CancellationToken ct) =>
        database.RunAsync<IReadOnlyList<ConversationRow>>(async (c, token) => (await c.QueryAsync<ConversationRow>(new CommandDefinition(
            database.Dialect.FirstRows(
                $"""
                {ConversationColumns}
                WHERE c.site_id = @siteId
                  {(status is null ? "" : "AND c.status = @status")}
                  {(agentId is null ? "" : "AND c.agent_id = @agentId")}
                  {(customerId is null ? "" : "AND c.customer_id = @customerId")}
                  {(after is null ? "" : "AND (c.created_at < @afterKey OR (c.created_at = @afterKey AND c.id < @afterId))")}
                ORDER BY c.created_at DESC, c.id DESC
                """, "@take"),
            new { siteId, status, agentId, customerId, afterKey = after?.Key ?? 0, afterId = after?.Id, take = limit + 1 },
            cancellationToken: token))).AsList(), ct);

    /// <summary>Most recently seen first; <paramref name="search"/> finds a part of the name or email, in any letter case.</summary>
    /// <remarks>Filters add fixed SQL fragments only when given; their values always travel as parameters.</remarks>
    public Task<IReadOnlyList<Customer>> CustomersAsync(string siteId, string? search, ApiCursor? after, int limit, CancellationToken ct)
    {
        var pattern = Pattern(search);
        search = pattern;
        return
        database.RunAsync<IReadOnlyList<Customer>>(async (c, token) => (await c.QueryAsync<Customer>(new CommandDefinition(
            database.Dialect.FirstRows(
                $"""
                {CustomerColumns} FROM customers
                WHERE site_id = @siteId
                  {(search is null ? "" : "AND (LOWER(name) LIKE @pattern ESCAPE '\\' OR LOWER(email) LIKE @pattern ESCAPE '\\')")}
                  {(after is null ? "" : "AND (last_seen < @afterKey OR (last_seen = @afterKey AND id < @afterId))")}
                ORDER BY last_seen DESC, id DESC
                """, "@take"),
            new { siteId, pattern, afterKey = after?.Key ?? 0, afterId = after?.Id, take = limit + 1 },
            cancellationToken: token))).AsList(), ct);
    }

    /// <summary>Soonest due first; <paramref name="open"/> picks open or done ones, null both.</summary>
    public Task<IReadOnlyList<NextActionRow>> NextActionsAsync(string siteId, bool? open, ApiCursor? after, int limit, CancellationToken ct) =>
        database.RunAsync<IReadOnlyList<NextActionRow>>(async (c, token) => (await c.QueryAsync<NextActionRow>(new CommandDefinition(
            database.Dialect.FirstRows(
                $"""
                {NextActionColumns} FROM next_actions
                WHERE site_id = @siteId
                  {(open switch { true => "AND done_at IS NULL", false => "AND done_at IS NOT NULL", null => "" })}
                  {(after is null ? "" : "AND (due_at > @afterKey OR (due_at = @afterKey AND id > @afterId))")}
                ORDER BY due_at, id
                """, "@take"),
            new { siteId, afterKey = after?.Key ?? 0, afterId = after?.Id, take = limit + 1 },
            cancellationToken: token))).AsList(), ct);

    /// <summary>Text to find, as a LIKE pattern with its wildcards escaped: the caller's % and _ are plain characters.</summary>
    private static string? Pattern(string? search)
    {
        var text = search?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.Length > 100)
        {
            throw new ChatRuleException("search_too_long", "Search for at most 100 characters.");
        }

        return "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
    }
}

/// <summary>Cuts a read of one row more than the page into the page and the cursor of the next.</summary>
internal static class Paging
{
    public static ApiPage<TOut> Page<TIn, TOut>(IReadOnlyList<TIn> rows, int limit, Func<TIn, TOut> map, Func<TIn, ApiCursor> cursorOf) =>
        new([.. rows.Take(limit).Select(map)], rows.Count > limit ? cursorOf(rows[limit - 1]).Encode() : null);
}
