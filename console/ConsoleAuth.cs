using System.Security.Claims;
using Chat.AgentConsole.Port;

namespace Chat.AgentConsole;

public static class ConsoleAuth
{
    public const string Scheme = "Chat.Agent";
    public const string LoginPath = "/console/login";

    public static ClaimsPrincipal CreatePrincipal(AgentProfile agent) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, agent.Id), new Claim(ClaimTypes.Name, agent.Name), new Claim(ClaimTypes.Email, agent.Email), new Claim(ClaimTypes.Role, agent.Role)],
        Scheme));

    public static string? AgentId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);
}
