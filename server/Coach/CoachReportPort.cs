using Chat.AgentConsole.Coach;
using Chat.AgentConsole.CoachReport;
using Chat.AgentConsole.Port;
using Chat.Server.Admin;

namespace Chat.Server.Coach;

/// <summary>The server's side of the coach report: a site's admins read its counts for a period.</summary>
public sealed class CoachReportPort(AdminAccess access, CoachCounts counts) : ICoachReportPort
{
    /// <summary>A year of days: longer periods are not what this report is for.</summary>
    public const int MaxDays = 366;

    public async Task<IReadOnlyList<CoachRuleCount>> GetCoachCountsAsync(string adminId, string siteId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        await access.SiteAdminAsync(adminId, siteId, ct);
        if (to < from || to.DayNumber - from.DayNumber >= MaxDays)
        {
            throw new ConsoleActionException("period_invalid", $"Choose a period of one day to {MaxDays} days that ends after it starts.");
        }

        var found = (await counts.ForSiteAsync(siteId, CoachCounts.DayOf(from), CoachCounts.DayOf(to), ct)).ToDictionary(c => c.Rule, StringComparer.Ordinal);
        return [.. CoachRules.All.Select(rule => found.TryGetValue(rule, out var c)
            ? new CoachRuleCount(rule, c.Shown, c.Dismissed, c.Followed)
            : new CoachRuleCount(rule, 0, 0, 0))];
    }
}
