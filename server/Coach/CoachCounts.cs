using Chat.AgentConsole.Coach;
using Chat.AgentConsole.Port;
using Chat.Server.Storage;
using Dapper;

namespace Chat.Server.Coach;

/// <summary>How often each reply-coach hint was shown, dismissed and followed, per site: for the reports.</summary>
public sealed class CoachCounts(Database database)
{
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
        await database.RunAsync(async (c, token) =>
        {
            var update = new CommandDefinition($"UPDATE coach_counts SET {column} = {column} + 1 WHERE site_id = @siteId AND rule = @rule;", new { siteId, rule }, cancellationToken: token);
            if (await c.ExecuteAsync(update) == 1)
            {
                return;
            }

            try
            {
                await c.ExecuteAsync(new CommandDefinition(
                    $"INSERT INTO coach_counts (site_id, rule, {column}) VALUES (@siteId, @rule, 1);", new { siteId, rule }, cancellationToken: token));
            }
            catch (Exception e) when (SqlDialect.IsUniqueViolation(e))
            {
                // Another console counted the first one at the same moment: count on the row it made.
                await c.ExecuteAsync(update);
            }
        }, ct);
    }

    public async Task<IReadOnlyList<(string Rule, long Shown, long Dismissed, long Followed)>> ForSiteAsync(string siteId, CancellationToken ct) =>
        (await database.RunAsync((c, token) => c.QueryAsync<(string, long, long, long)>(new CommandDefinition(
            "SELECT rule, shown, dismissed, followed FROM coach_counts WHERE site_id = @siteId ORDER BY rule;", new { siteId }, cancellationToken: token)), ct)).AsList();
}
