using Chat.Server.Storage;
using Dapper;

namespace Chat.Server.History;

/// <summary>
/// Full-text search over message text and customers' names and emails, within the given sites.
/// SQLite asks FTS5 (ranked by bm25), PostgreSQL its GIN-indexed tsvector (ranked by ts_rank);
/// both indexes live in migration 0010. SQL Server has no full-text catalog we can count on, so it
/// reads the text of the sites' latest <see cref="SqlServerScan"/> conversations with LIKE, newest first.
/// </summary>
/// <remarks>
/// When a word is common, messages are ranked among the latest <see cref="RankedWindow"/>
/// matches, not all of them. A common word matches a fifth of all messages; ranking 190,000 of
/// them took 0.6 s, the latest thousand take 20-70 ms. The pages show at most the best 500 (HistoryPort), and an agent looking
/// for an older conversation narrows the words or opens the customer.
/// </remarks>
internal sealed class SearchStore(Database database)
{
    public const int SqlServerScan = 5000;
    public const int RankedWindow = 1000;

    /// <summary>
    /// On PostgreSQL, a query matching at least this share of all messages is common enough to
    /// walk newest first: one message in twenty or more, so a thousand matches are found within
    /// twenty thousand messages.
    /// </summary>
    public const double DenseShare = 0.05;
    public const int CustomerLimit = 10;

    public Task<IReadOnlyList<MessageMatch>> MessagesAsync(IReadOnlyList<string> siteIds, SearchTerms terms, int skip, int take, CancellationToken ct)
    {
        if (terms.IsEmpty || siteIds.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<MessageMatch>>([]);
        }

        var args = new DynamicParameters(new { sites = siteIds.ToArray(), skip, take, window = RankedWindow });
        const string Columns =
            """
            m.conversation_id AS ConversationId, m.seq AS Seq, m.sender_name AS SenderName, m.text AS Text, m.created_at AS CreatedAt,
                   s.name AS SiteName, cu.name AS CustomerName
            """;
        string sql;
        switch (database.Dialect.Provider)
        {
            case DatabaseProvider.Postgres:
                args.Add("query", terms.ToTsQuery());
                return database.RunAsync<IReadOnlyList<MessageMatch>>(async (c, token) =>
                {
                    // The planner's own estimate of the table's size: no count of its rows.
                    var messages = await c.ExecuteScalarAsync<double>(new CommandDefinition(
                        "SELECT GREATEST(reltuples, 0) FROM pg_class WHERE oid = 'messages'::regclass;", cancellationToken: token));
                    var dense = (long)Math.Max(RankedWindow, messages * DenseShare);
                    args.Add("dense", dense);
                    // GIN finds sparse matches fast but cannot hand them out newest first; walking
                    // conversations newest first finds dense ones fast but reads every message
                    // when a word is rare. Counting the matches up to a bound, from the index
                    // alone, tells which of the two this query is; left to the planner's
                    // statistics, a rare word took 0.7 s and two common words 0.3 s.
                    var count = await c.ExecuteScalarAsync<long>(new CommandDefinition(
                        "SELECT COUNT(*) FROM (SELECT 1 FROM messages WHERE search @@ to_tsquery('simple', @query) LIMIT @dense) m;", args, cancellationToken: token));
                    var found = count < dense
                        ? $"""
                            SELECT l.conversation_id, l.seq, ts_rank(m.search, to_tsquery('simple', @query)) AS rank
                            FROM (
                                SELECT m.conversation_id, m.seq
                                FROM messages m
                                JOIN conversations c ON c.id = m.conversation_id
                                WHERE m.search @@ to_tsquery('simple', @query) AND c.site_id = ANY(@sites)
                                ORDER BY m.created_at DESC, m.seq DESC
                                LIMIT @window
                            ) l
                            JOIN messages m ON m.conversation_id = l.conversation_id AND m.seq = l.seq
                            """
                        : $"""
                            SELECT m.conversation_id, m.seq, ts_rank(m.search, to_tsquery('simple', @query)) AS rank
                            FROM conversations c
                            CROSS JOIN LATERAL (
                                SELECT * FROM messages m WHERE m.conversation_id = c.id AND m.search @@ to_tsquery('simple', @query)
                            ) m
                            WHERE c.site_id = ANY(@sites)
                            ORDER BY c.created_at DESC, m.seq DESC
                            LIMIT @window
                            """;
                    return (await c.QueryAsync<MessageMatch>(new CommandDefinition(
                        $"""
                        WITH recent AS ({found})
                        SELECT {Columns}
                        FROM recent r
                        JOIN messages m ON m.conversation_id = r.conversation_id AND m.seq = r.seq
                        JOIN conversations c ON c.id = m.conversation_id
                        JOIN sites s ON s.id = c.site_id
                        JOIN customers cu ON cu.id = c.customer_id
                        ORDER BY r.rank DESC, m.created_at DESC, m.conversation_id, m.seq
                        LIMIT @take OFFSET @skip;
                        """, args, cancellationToken: token))).AsList();
                }, ct);
            case DatabaseProvider.SqlServer:
                sql = $"""
                    WITH recent AS (
                        SELECT TOP ({SqlServerScan}) id, site_id, customer_id FROM conversations WHERE site_id IN @sites ORDER BY created_at DESC
                    )
                    SELECT {Columns}
                    FROM recent c
                    JOIN messages m ON m.conversation_id = c.id
                    JOIN sites s ON s.id = c.site_id
                    JOIN customers cu ON cu.id = c.customer_id
                    WHERE {Likes(terms, args, "m.text")}
                    ORDER BY m.created_at DESC, m.conversation_id, m.seq
                    OFFSET @skip ROWS FETCH NEXT @take ROWS ONLY;
                    """;
                break;
            default:
                args.Add("query", terms.ToFts5());
                // FTS5 hands out matches newest rowid first without ranking them; bm25 is then
                // computed only for the window.
                sql = $"""
                    WITH recent AS (
                        SELECT f.rowid AS id, f.rank AS rank
                        FROM messages_fts f
                        JOIN messages m ON m.rowid = f.rowid
                        JOIN conversations c ON c.id = m.conversation_id
                        WHERE messages_fts MATCH @query AND c.site_id IN @sites
                        ORDER BY f.rowid DESC
                        LIMIT @window
                    )
                    SELECT {Columns}
                    FROM recent r
                    JOIN messages m ON m.rowid = r.id
                    JOIN conversations c ON c.id = m.conversation_id
                    JOIN sites s ON s.id = c.site_id
                    JOIN customers cu ON cu.id = c.customer_id
                    ORDER BY r.rank, m.created_at DESC, m.conversation_id, m.seq
                    LIMIT @take OFFSET @skip;
                    """;
                break;
        }

        return database.RunAsync<IReadOnlyList<MessageMatch>>(async (c, token) =>
            (await c.QueryAsync<MessageMatch>(new CommandDefinition(sql, args, cancellationToken: token))).AsList(), ct);
    }

    public Task<IReadOnlyList<CustomerMatch>> CustomersAsync(IReadOnlyList<string> siteIds, SearchTerms terms, CancellationToken ct)
    {
        if (terms.IsEmpty || siteIds.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<CustomerMatch>>([]);
        }

        var args = new DynamicParameters(new { sites = siteIds.ToArray(), take = CustomerLimit });
        const string Columns = "cu.id AS Id, cu.name AS Name, cu.email AS Email, s.name AS SiteName";
        string sql;
        switch (database.Dialect.Provider)
        {
            case DatabaseProvider.Postgres:
                args.Add("query", terms.ToTsQuery());
                sql = $"""
                    SELECT {Columns}
                    FROM customers cu JOIN sites s ON s.id = cu.site_id
                    WHERE to_tsvector('simple', cu.name || ' ' || COALESCE(cu.email, '')) @@ to_tsquery('simple', @query) AND cu.site_id = ANY(@sites)
                    ORDER BY cu.last_seen DESC, cu.id
                    LIMIT @take;
                    """;
                break;
            case DatabaseProvider.SqlServer:
                sql = $"""
                    SELECT TOP (@take) {Columns}
                    FROM customers cu JOIN sites s ON s.id = cu.site_id
                    WHERE cu.site_id IN @sites AND {Likes(terms, args, "CONCAT(cu.name, ' ', cu.email)")}
                    ORDER BY cu.last_seen DESC, cu.id;
                    """;
                break;
            default:
                args.Add("query", terms.ToFts5());
                sql = $"""
                    SELECT {Columns}
                    FROM customers_fts f
                    JOIN customers cu ON cu.rowid = f.rowid
                    JOIN sites s ON s.id = cu.site_id
                    WHERE customers_fts MATCH @query AND cu.site_id IN @sites
                    ORDER BY f.rank, cu.last_seen DESC
                    LIMIT @take;
                    """;
                break;
        }

        return database.RunAsync<IReadOnlyList<CustomerMatch>>(async (c, token) =>
            (await c.QueryAsync<CustomerMatch>(new CommandDefinition(sql, args, cancellationToken: token))).AsList(), ct);
    }

    // One LIKE per word, each a parameter; how many there are is bounded by SearchTerms.MaxTerms.
    private static string Likes(SearchTerms terms, DynamicParameters args, string column)
    {
        var conditions = new List<string>();
        foreach (var (pattern, i) in terms.ToLikePatterns().Select((p, i) => (p, i)))
        {
            args.Add($"like{i}", pattern);
            conditions.Add($"{column} LIKE @like{i}");
        }

        return string.Join(" AND ", conditions);
    }
}

internal sealed class MessageMatch
{
    public string ConversationId { get; set; } = "";
    public long Seq { get; set; }
    public string SenderName { get; set; } = "";
    public string Text { get; set; } = "";
    public long CreatedAt { get; set; }
    public string SiteName { get; set; } = "";
    public string CustomerName { get; set; } = "";
}

internal sealed class CustomerMatch
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Email { get; set; }
    public string SiteName { get; set; } = "";
}
