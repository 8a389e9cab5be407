using Chat.Server.Storage;
using Dapper;

namespace Chat.Server.History;

/// <summary>
/// Reads for the conversations page: one page of a site's conversations by (created_at, id),
/// newest first, found through ix_conversations_site_created; and a conversation read back whole.
/// </summary>
internal sealed class HistoryStore(Database database)
{
    /// <summary>A transcript longer than this is cut (and says so); no chat comes near it.</summary>
    public const int MaxMessages = 5000;

    /// <summary>Up to this many sites, each site's page is read on its own through the index; beyond it, one sorted read.</summary>
    public const int SitesReadApart = 64;

    public Task<IReadOnlyList<ListRow>> ListAsync(ListQuery query, CancellationToken ct)
    {
        if (query.SiteIds.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<ListRow>>([]);
        }

        // Conditions are fixed fragments chosen by which filters are set; every value is a parameter.
        var where = new List<string>();
        var args = new DynamicParameters();
        args.Add("take", query.Take);
        void When(bool set, string condition, string name, object? value)
        {
            if (set)
            {
                where.Add(condition);
                args.Add(name, value);
            }
        }

        When(query.Status is not null, "c.status = @status", "status", query.Status);
        When(query.AgentId is not null, "c.agent_id = @agentId", "agentId", query.AgentId);
        When(query.CustomerId is not null, "c.customer_id = @customerId", "customerId", query.CustomerId);
        When(query.Rating is not null, "c.rating = @rating", "rating", (long?)query.Rating);
        When(query.Tag is not null, "EXISTS (SELECT 1 FROM conversation_tags t WHERE t.conversation_id = c.id AND LOWER(t.tag) = LOWER(@tag))", "tag", query.Tag);
        When(query.FromMs is not null, "c.created_at >= @fromMs", "fromMs", query.FromMs);
        When(query.ToMs is not null, "c.created_at < @toMs", "toMs", query.ToMs);
        if (query.OpenAction)
        {
            where.Add("EXISTS (SELECT 1 FROM next_actions n WHERE n.conversation_id = c.id AND n.done_at IS NULL)");
        }

        if (query.After is { } after)
        {
            where.Add("(c.created_at < @afterAt OR (c.created_at = @afterAt AND c.id < @afterId))");
            args.Add("afterAt", after.CreatedAt);
            args.Add("afterId", after.Id);
        }

        var page = PageOfConversations(query.SiteIds, where, args);
        var sql = database.Dialect.FirstRows(
            $"""
            c.id AS Id, s.name AS SiteName, s.time_zone AS TimeZone, cu.name AS CustomerName, cu.email AS CustomerEmail, a.name AS AgentName,
                   c.status AS Status, c.created_at AS CreatedAt, c.rating AS Rating, c.last_seq AS MessageCount,
                   CASE WHEN EXISTS (SELECT 1 FROM next_actions n WHERE n.conversation_id = c.id AND n.done_at IS NULL) THEN 1 ELSE 0 END AS HasOpenAction
            FROM ({page}) c
            JOIN sites s ON s.id = c.site_id
            JOIN customers cu ON cu.id = c.customer_id
            LEFT JOIN agents a ON a.id = c.agent_id
            ORDER BY c.created_at DESC, c.id DESC
            """, "@take");
        return database.RunAsync<IReadOnlyList<ListRow>>(async (c, token) =>
            (await c.QueryAsync<ListRow>(new CommandDefinition(sql, args, cancellationToken: token))).AsList(), ct);
    }

    /// <summary>
    /// The candidates for one page, from the conversations table alone: for each site, its newest
    /// @take matching rows, read backwards along ix_conversations_site_created and stopping there.
    /// Only these are joined to sites, customers and agents. Asked for several sites at once
    /// (<c>site_id IN …</c>) or joined first, the database sorts the sites' whole history to find
    /// one page: 0.2 s at 50,000 conversations against under a millisecond.
    /// </summary>
    private string PageOfConversations(IReadOnlyList<string> siteIds, List<string> where, DynamicParameters args)
    {
        string Newest(string siteCondition) => database.Dialect.FirstRows(
            $"""
            c.* FROM conversations c
            WHERE {string.Join("\n  AND ", where.Prepend(siteCondition))}
            ORDER BY c.created_at DESC, c.id DESC
            """, "@take");

        if (siteIds.Count > SitesReadApart)
        {
            args.Add("sites", siteIds.ToArray());
            return Newest(database.Dialect.InList("c.site_id", "@sites"));
        }

        var perSite = new List<string>();
        for (var i = 0; i < siteIds.Count; i++)
        {
            args.Add($"site{i}", siteIds[i]);
            perSite.Add($"SELECT * FROM ({Newest($"c.site_id = @site{i}")}) p{i}");
        }

        return string.Join("\nUNION ALL\n", perSite);
    }

    public Task<RecordRows?> ReadAsync(string conversationId, CancellationToken ct) =>
        database.RunAsync<RecordRows?>(async (c, token) =>
        {
            var head = await c.QuerySingleOrDefaultAsync<HeadRow>(new CommandDefinition(
                """
                SELECT c.id AS Id, c.site_id AS SiteId, s.name AS SiteName, s.time_zone AS SiteTimeZone, c.status AS Status,
                       a.name AS AgentName, c.customer_id AS CustomerId, c.created_at AS CreatedAt, c.resolved_at AS ResolvedAt,
                       c.rating AS Rating, c.rating_comment AS RatingComment,
                       (SELECT COUNT(*) FROM conversations o WHERE o.customer_id = c.customer_id) AS CustomerConversations
                FROM conversations c
                JOIN sites s ON s.id = c.site_id
                LEFT JOIN agents a ON a.id = c.agent_id
                WHERE c.id = @conversationId;
                """, new { conversationId }, cancellationToken: token));
            if (head is null)
            {
                return null;
            }

            var messages = await c.QueryAsync<MessageItem>(new CommandDefinition(
                database.Dialect.FirstRows(
                    """
                    conversation_id AS ConversationId, seq AS Seq, client_id AS ClientId, sender AS Sender,
                           sender_name AS SenderName, text AS Text, created_at AS CreatedAt
                    FROM messages WHERE conversation_id = @conversationId ORDER BY seq
                    """, "@max"),
                new { conversationId, max = MaxMessages }, cancellationToken: token));
            var notes = await c.QueryAsync<NoteItem>(new CommandDefinition(
                """
                SELECT client_id AS ClientId, kind AS Kind, author_name AS AuthorName, target_name AS TargetName, text AS Text, created_at AS CreatedAt
                FROM notes WHERE conversation_id = @conversationId ORDER BY created_at, id;
                """, new { conversationId }, cancellationToken: token));
            var tags = await c.QueryAsync<string>(new CommandDefinition(
                "SELECT tag FROM conversation_tags WHERE conversation_id = @conversationId ORDER BY tag;", new { conversationId }, cancellationToken: token));
            var actions = await c.QueryAsync<ActionItem>(new CommandDefinition(
                """
                SELECT id AS Id, what AS What, owner_id AS OwnerId, owner_name AS OwnerName, due_at AS DueAt, done_at AS DoneAt,
                       outcome AS Outcome, kind AS Kind
                FROM next_actions WHERE conversation_id = @conversationId ORDER BY created_at, id;
                """, new { conversationId }, cancellationToken: token));
            return new RecordRows(head, messages.AsList(), notes.AsList(), tags.AsList(), actions.AsList());
        }, ct);

    /// <summary>The agent's sites with their time zones, the agents of those sites, and the tags used there.</summary>
    public Task<ChoiceRows> ChoicesAsync(string agentId, CancellationToken ct) =>
        database.RunAsync(async (c, token) =>
        {
            var sites = (await c.QueryAsync<SiteItem>(new CommandDefinition(
                "SELECT s.id AS Id, s.name AS Name, s.time_zone AS TimeZone FROM sites s JOIN site_agents sa ON sa.site_id = s.id WHERE sa.agent_id = @agentId ORDER BY s.name, s.id;",
                new { agentId }, cancellationToken: token))).AsList();
            var siteIds = sites.Select(s => s.Id).ToArray();
            var agents = (await c.QueryAsync<SiteItem>(new CommandDefinition(
                $"SELECT DISTINCT a.id AS Id, a.name AS Name FROM agents a JOIN site_agents sa ON sa.agent_id = a.id WHERE {database.Dialect.InList("sa.site_id", "@siteIds")} ORDER BY a.name, a.id;",
                new { siteIds }, cancellationToken: token))).AsList();
            var tags = (await c.QueryAsync<string>(new CommandDefinition(
                database.Dialect.FirstRows(
                    $"DISTINCT LOWER(t.tag) FROM conversation_tags t JOIN conversations c ON c.id = t.conversation_id WHERE {database.Dialect.InList("c.site_id", "@siteIds")} ORDER BY LOWER(t.tag)",
                    "@max"),
                new { siteIds, max = 200 }, cancellationToken: token))).AsList();
            return new ChoiceRows(sites, agents, tags);
        }, ct);

    /// <summary>Start of a site's day, as Unix milliseconds: dates are chosen in the site's own time zone.</summary>
    public static long StartOfDayMs(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // A day that begins inside a daylight-saving gap begins at the first instant that exists.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUnixTimeMilliseconds();
    }

    public static TimeZoneInfo Zone(string? timeZone)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(string.IsNullOrWhiteSpace(timeZone) ? "UTC" : timeZone);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}

internal sealed record ListQuery(IReadOnlyList<string> SiteIds, int Take)
{
    public string? Status { get; init; }

    public string? AgentId { get; init; }

    public string? CustomerId { get; init; }

    public int? Rating { get; init; }

    public string? Tag { get; init; }

    public long? FromMs { get; init; }

    public long? ToMs { get; init; }

    public bool OpenAction { get; init; }

    public (long CreatedAt, string Id)? After { get; init; }
}

// Classes with setters, not positional records: Dapper converts each provider's integer types into them.
internal sealed class ListRow
{
    public string Id { get; set; } = "";
    public string SiteName { get; set; } = "";
    public string CustomerName { get; set; } = "";
    public string? CustomerEmail { get; set; }
    public string? AgentName { get; set; }
    public string Status { get; set; } = "";
    public long CreatedAt { get; set; }
    public long? Rating { get; set; }
    public long MessageCount { get; set; }
    public long HasOpenAction { get; set; }
    public string? TimeZone { get; set; }
}

internal sealed class HeadRow
{
    public string Id { get; set; } = "";
    public string SiteId { get; set; } = "";
    public string SiteName { get; set; } = "";
    public string? SiteTimeZone { get; set; }
    public string Status { get; set; } = "";
    public string? AgentName { get; set; }
    public string CustomerId { get; set; } = "";
    public long CreatedAt { get; set; }
    public long? ResolvedAt { get; set; }
    public long? Rating { get; set; }
    public string? RatingComment { get; set; }
    public long CustomerConversations { get; set; }
}

internal sealed class MessageItem
{
    public string ConversationId { get; set; } = "";
    public long Seq { get; set; }
    public string ClientId { get; set; } = "";
    public string Sender { get; set; } = "";
    public string SenderName { get; set; } = "";
    public string Text { get; set; } = "";
    public long CreatedAt { get; set; }
}

internal sealed class NoteItem
{
    public string ClientId { get; set; } = "";
    public string Kind { get; set; } = "";
    public string AuthorName { get; set; } = "";
    public string? TargetName { get; set; }
    public string Text { get; set; } = "";
    public long CreatedAt { get; set; }
}

internal sealed class ActionItem
{
    public string Id { get; set; } = "";
    public string What { get; set; } = "";
    public string OwnerId { get; set; } = "";
    public string OwnerName { get; set; } = "";
    public long DueAt { get; set; }
    public long? DoneAt { get; set; }
    public string? Outcome { get; set; }
    public string Kind { get; set; } = "";
}

internal sealed class SiteItem
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string? TimeZone { get; set; }
}

internal sealed record ChoiceRows(IReadOnlyList<SiteItem> Sites, IReadOnlyList<SiteItem> Agents, IReadOnlyList<string> Tags);

internal sealed record RecordRows(HeadRow Head, IReadOnlyList<MessageItem> Messages, IReadOnlyList<NoteItem> Notes, IReadOnlyList<string> Tags, IReadOnlyList<ActionItem> Actions);
