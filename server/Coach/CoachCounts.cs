using Chat.AgentConsole.Coach;
using Chat.AgentConsole.Port;
using Chat.Server.Storage;
using Dapper;

namespace Chat.Server.Coach;

/// <summary>How often each reply-coach hint was shown, dismissed and followed, per site and UTC day: for the reports.</summary>
public sealed class CoachCounts(Database database, TimeProvider time)
{
    private const long DayMs = 24 * 60 * 60 * 1000;

    /// <summary>Days since 1970 in UTC, as the counts are kept.</summary>
    public static long DayOf(DateOnly date) => date.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    public async Task CountAsync(string siteId, string rule, CoachOutcome outcome, CancellationToken ct)
    {
        if (!CoachRules.All.Contains(rule))
        {
            throw new ChatRuleException("coach_rule_invalid", "There is no such coach hint.");
        }

        // The column comes from this switch, never from the caller.
        var column = outcome switch
        {
            CoachOutcome.Shown => "shown",
            CoachOutcome.Dismissed => "dismissed",
            CoachOutcome.Followed => "followed",
            _ => throw new ChatRuleException("coach_outcome_invalid", "A hint is shown, dismissed or followed."),
        };
        var day = time.NowMs() / DayMs;
        await database.RunAsync(async (c, token) =>
        {
            var update = new CommandDefinition(
                $"UPDATE coach_counts_daily SET {column} = {column} + 1 WHERE site_id = @siteId AND rule = @rule AND day = @day;", new { siteId, rule, day }, cancellationToken: token);
            if (await c.ExecuteAsync(update) == 1)
            {
                return;
            }

            try
            {
                await c.ExecuteAsync(new CommandDefinition(
                    $"INSERT INTO coach_counts_daily (site_id, rule, day, {column}) VALUES (@siteId, @rule, @day, 1);", new { siteId, rule, day }, cancellationToken: token));
            }
            catch (Exception e) when (SqlDialect.IsUniqueViolation(e))
            {
                // Another console counted the first one at the same moment: count on the row it made.
                await c.ExecuteAsync(update);
            }
        }, ct);
    }

    /// <summary>Each rule's counts on the site from the first day to the last, both included (days from <see cref="DayOf"/>).</summary>
    public async Task<IReadOnlyList<(string Rule, long Shown, long Dismissed, long Followed)>> ForSiteAsync(string siteId, long fromDay, long toDay, CancellationToken ct) =>
        (await database.RunAsync((c, token) => c.QueryAsync<(string, long, long, long)>(new CommandDefinition(
            """
            SELECT rule, CAST(SUM(shown) AS BIGINT), CAST(SUM(dismissed) AS BIGINT), CAST(SUM(followed) AS BIGINT) FROM coach_counts_daily
            WHERE site_id = @siteId AND day >= @fromDay AND day <= @toDay
            GROUP BY rule ORDER BY rule;
            """, new { siteId, fromDay, toDay }, cancellationToken: token)), ct)).AsList();
}
