namespace Chat.AgentConsole.CoachReport;

/// <summary>One reply-coach hint's counts on a site over a period.</summary>
/// <param name="Followed">The draft was changed so the hint no longer applied, or its action was taken.</param>
public sealed record CoachRuleCount(string Rule, long Shown, long Dismissed, long Followed);

/// <summary>
/// The coach's counts for the admins' report. The server checks that the caller is an admin of
/// the site; anyone else gets <see cref="Port.ConsoleActionException"/> with <c>admin_only</c> or
/// <c>not_found</c>, and a period that ends before it starts, or spans more than a year, gets
/// <c>period_invalid</c>.
/// </summary>
public interface ICoachReportPort
{
    /// <summary>Every coach rule with its counts from the first UTC day to the last, both included; rules never shown count zero.</summary>
    Task<IReadOnlyList<CoachRuleCount>> GetCoachCountsAsync(string adminId, string siteId, DateOnly from, DateOnly to, CancellationToken ct);
}
