namespace Chat.AgentConsole.Port;

/// <summary>
/// Figures for a site's admins: volume, response and resolution times, satisfaction, busy hours
/// and each agent's share, for whole days in the site's time zone. Refused with
/// <c>admin_only</c> for agents, <c>not_found</c> for a site that is not the admin's, and
/// <c>report_period_invalid</c> for a period that ends before it starts or spans over a year.
/// </summary>
public interface IReportsPort
{
    /// <summary>The sites the admin may report on; empty for an agent.</summary>
    Task<IReadOnlyList<NamedItem>> GetReportSitesAsync(string agentId, CancellationToken ct);

    Task<SiteReport> GetReportAsync(string agentId, ReportRequest request, CancellationToken ct);
}
