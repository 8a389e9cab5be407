using Chat.AgentConsole;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;

namespace Chat.Server.Agents.Sessions;

/// <summary>Wires the security stamp into the cookie, the agent hub and the console's circuits.</summary>
public static class AgentSessionsSetup
{
    public static void AddAgentSessions(this IServiceCollection services)
    {
        services.AddSingleton<AgentSessions>();
        services.AddSingleton<SessionEndings>();
        services.AddHostedService(s => s.GetRequiredService<SessionEndings>());
        services.AddSingleton<AgentHubSessions>();
        services.AddSingleton<AgentRemoval>();
        services.AddScoped<AuthenticationStateProvider, AgentCircuitSessions>();
        // Every request with the cookie, the hub's upgrade and the circuit's connection included:
        // a cookie whose stamp is not the agent's current one is refused and cleared.
        services.PostConfigure<CookieAuthenticationOptions>(ConsoleAuth.Scheme, o =>
        {
            var validate = o.Events.OnValidatePrincipal;
            o.Events.OnValidatePrincipal = async c =>
            {
                await validate(c);
                var user = c.Principal;
                var sessions = c.HttpContext.RequestServices.GetRequiredService<AgentSessions>();
                if (user is null || !await sessions.IsCurrentAsync(ConsoleAuth.AgentId(user), user.FindFirst(AgentSessions.StampClaim)?.Value, c.HttpContext.RequestAborted))
                {
                    c.RejectPrincipal();
                    await c.HttpContext.SignOutAsync(ConsoleAuth.Scheme);
                }
            };
        });
    }
}
