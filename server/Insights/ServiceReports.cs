using Chat.AgentConsole.CoachReport;
using Chat.AgentConsole.Insights;
using Chat.Server.Admin;
using Chat.Server.Coach;

namespace Chat.Server.Insights;

/// <summary>What the admins' service reports stand on: the insights (the three-times rule) and the coach's counts.</summary>
public static class ServiceReports
{
    public static IServiceCollection AddServiceReports(this IServiceCollection services)
    {
        services.AddSingleton<AdminAccess>();
        services.AddSingleton<InsightsStore>();
        services.AddScoped<IInsightsPort, InsightsPort>();
        services.AddScoped<ICoachReportPort, CoachReportPort>();
        return services;
    }
}
