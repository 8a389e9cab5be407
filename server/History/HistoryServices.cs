using Chat.AgentConsole.Port;

namespace Chat.Server.History;

internal static class HistoryServices
{
    /// <summary>The conversations page and search: the console's history port and its stores.</summary>
    public static IServiceCollection AddHistory(this IServiceCollection services)
    {
        services.AddSingleton<HistoryStore>();
        services.AddSingleton<SearchStore>();
        services.AddScoped<IHistoryPort, HistoryPort>();
        return services;
    }
}
