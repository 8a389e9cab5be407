using Chat.AgentConsole.Port;

namespace Chat.Server.Reports;

internal static class ReportServices
{
    /// <summary>The reports page: the console's reports port and its store.</summary>
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddSingleton<ReportStore>();
        services.AddScoped<IReportsPort, ReportsPort>();
        return services;
    }
}
