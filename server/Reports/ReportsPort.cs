using Chat.AgentConsole.Port;
using Chat.Server.Admin;
using Chat.Server.Agents;
using Chat.Server.History;

namespace Chat.Server.Reports;

/// <summary>The server's side of the reports page: admins only, and only their own sites.</summary>
internal sealed class ReportsPort(AgentStore agents, AdminAccess access, HistoryStore history, ReportStore store, TimeProvider time) : IReportsPort
{
    public const int MaxDays = 366;

    public Task<IReadOnlyList<NamedItem>> GetReportSitesAsync(string agentId, CancellationToken ct) =>
        Guard<IReadOnlyList<NamedItem>>(async () =>
        {
            if (!await IsAdminAsync(agentId, ct))
            {
                return [];
            }

            return [.. (await history.ChoicesAsync(agentId, ct)).Sites.Select(s => new NamedItem(s.Id, s.Name))];
        });

    public Task<SiteReport> GetReportAsync(string agentId, ReportRequest request, CancellationToken ct) =>
        Guard(async () =>
        {
            ArgumentNullException.ThrowIfNull(request);
            // The role, a required second factor and the site, checked as every service report checks them.
            await access.SiteAdminAsync(agentId, request.SiteId, ct);
            var site = (await history.ChoicesAsync(agentId, ct)).Sites.FirstOrDefault(s => s.Id == request.SiteId)
                ?? throw new ChatRuleException("not_found", "This site does not exist or is not yours.");
            if (request.To < request.From || request.To.DayNumber - request.From.DayNumber + 1 > MaxDays)
            {
                throw new ChatRuleException("report_period_invalid", $"Choose a period that ends after it starts and spans at most {MaxDays} days.");
            }

            var zone = HistoryStore.Zone(site.TimeZone);
            var onlyAgent = string.IsNullOrWhiteSpace(request.AgentId) ? null : request.AgentId;
            var rows = await store.LoadAsync(site.Id, HistoryStore.StartOfDayMs(request.From, zone), HistoryStore.StartOfDayMs(request.To.AddDays(1), zone), onlyAgent, ct);
            return ReportBuilder.Build(new ReportFrame(site.Id, site.Name, zone, request.From, request.To, onlyAgent), rows, time.NowMs());
        });

    private async Task<bool> IsAdminAsync(string agentId, CancellationToken ct) =>
        !string.IsNullOrEmpty(agentId) && await agents.FindAsync(agentId, ct) is { Role: AgentRoles.Admin };

    private static async Task<T> Guard<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (ChatRuleException e)
        {
            throw new ConsoleActionException(e.Code, e.Message);
        }
        catch (Exception e) when (InfrastructureErrors.IsInfrastructure(e))
        {
            throw new ConsoleActionException(InfrastructureErrors.Code, InfrastructureErrors.Sentence);
        }
    }
}
