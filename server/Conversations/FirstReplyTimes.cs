using System.Collections.Concurrent;
using Chat.Server.Storage;
using Dapper;

namespace Chat.Server.Conversations;

/// <summary>
/// Act quickly, visibly: the site's real typical first-reply time, the median wait from a chat's
/// start to its first agent reply over the chats first answered in the last seven days. Told to
/// visitors only once there are <see cref="MinimumChats"/> of them, so two lucky chats make no
/// promise; the median keeps a few long waits (a message left overnight) from moving it much.
/// Cached per site for a few minutes: it is read on every widget load.
/// </summary>
public sealed class FirstReplyTimes(Database database, TimeProvider time)
{
    public const int MinimumChats = 10;

    private static readonly TimeSpan Window = TimeSpan.FromDays(7);
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, (int? Seconds, DateTimeOffset Until)> _bySite = new(StringComparer.Ordinal);

    /// <summary>The median in whole seconds, or null with fewer than <see cref="MinimumChats"/> chats answered.</summary>
    public async Task<int?> TypicalSecondsAsync(string siteId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_bySite.TryGetValue(siteId, out var cached) && cached.Until > now)
        {
            return cached.Seconds;
        }

        var since = (now - Window).ToUnixTimeMilliseconds();
        var waits = (await database.RunAsync((c, token) => c.QueryAsync<long>(new CommandDefinition(
            """
            SELECT first_response_at - created_at FROM conversations
            WHERE site_id = @siteId AND first_response_at IS NOT NULL AND first_response_at >= @since;
            """, new { siteId, since }, cancellationToken: token)), ct)).AsList();
        var seconds = waits.Count < MinimumChats ? (int?)null : (int)Math.Round(Median(waits) / 1000.0);
        _bySite[siteId] = (seconds, now + CacheFor);
        return seconds;
    }

    public static double Median(IReadOnlyList<long> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }
}
