using System.Collections.Concurrent;
using Chat.Server.Storage;
using Dapper;

namespace Chat.Server.Conversations;

/// <summary>
/// How long a visitor in line may wait: a slot frees about every (recent average chat length ÷
/// the site's total agent capacity), and each visitor ahead takes one. A rough guide, shown as
/// "about N minutes"; the site's figures are cached for a minute.
/// </summary>
public sealed class WaitEstimates(Database database, TimeProvider time)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, (SiteFigures Figures, DateTimeOffset Until)> _bySite = new(StringComparer.Ordinal);

    public async Task<int?> SecondsAsync(string siteId, int? position, CancellationToken ct)
    {
        if (position is not { } place)
        {
            return null;
        }

        var figures = await FiguresAsync(siteId, ct);
        return Estimate(place, figures.AverageChatMs / 1000.0, (int)figures.Capacity);
    }

    /// <summary>Whole minutes, at least one; five-minute chats are assumed until the site has resolved some.</summary>
    public static int Estimate(int position, double? averageChatSeconds, int totalCapacity)
    {
        var chat = averageChatSeconds is > 0 ? averageChatSeconds.Value : 300;
        var seconds = position * chat / Math.Max(1, totalCapacity);
        return (int)Math.Max(1, Math.Ceiling(seconds / 60)) * 60;
    }

    private async Task<SiteFigures> FiguresAsync(string siteId, CancellationToken ct)
    {
        if (_bySite.TryGetValue(siteId, out var cached) && cached.Until > time.GetUtcNow())
        {
            return cached.Figures;
        }

        var recent = database.Dialect.FirstRows(
            """
            resolved_at, assigned_at FROM conversations
            WHERE site_id = @siteId AND status = @resolved AND assigned_at IS NOT NULL AND resolved_at IS NOT NULL
            ORDER BY resolved_at DESC
            """, "50");
        var figures = await database.RunAsync((c, token) => c.QuerySingleAsync<SiteFigures>(new CommandDefinition(
            $"""
            SELECT (SELECT CAST(AVG(resolved_at - assigned_at) AS DOUBLE PRECISION) FROM ({recent}) recent) AS AverageChatMs,
                   (SELECT CAST(COALESCE(SUM(a.capacity), 0) AS BIGINT) FROM site_agents sa JOIN agents a ON a.id = sa.agent_id
                      WHERE sa.site_id = @siteId) AS Capacity;
            """,
            new { siteId, resolved = ConversationStatus.Resolved }, cancellationToken: token)), ct);
        _bySite[siteId] = (figures, time.GetUtcNow() + CacheFor);
        return figures;
    }

    /// <summary>A class: SQLite types an all-NULL average as a blob, which only property mapping survives.</summary>
    private sealed class SiteFigures
    {
        public double? AverageChatMs { get; init; }

        public long Capacity { get; init; }
    }
}
