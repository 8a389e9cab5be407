using System.Security.Claims;
using Chat.AgentConsole.Port;

namespace Chat.AgentConsole;

/// <summary>
/// The names the server needs to wire cookie sign-in for agents, and the claims the console
/// reads back. Kept in the console so both sides agree on one spelling.
/// </summary>
public static class ConsoleAuth
{
    /// <summary>Authentication scheme of the agents' cookie.</summary>
    public const string Scheme = "Chat.Agent";

    /// <summary>Where an unauthenticated agent is sent.</summary>
    public const string LoginPath = "/console/login";

    /// <summary>Where the sign-out form posts; the server maps this endpoint.</summary>
    public const string LogoutPath = "/console/logout";

    /// <summary>Where a signed-in agent lands on a page their role does not open (the admin pages).</summary>
    public const string AccessDeniedPath = "/console/forbidden";

    /// <summary>
    /// The claim that carries the agent's security stamp at sign-in. The server refuses a cookie
    /// whose stamp is no longer the agent's, which is how sign-out, a new password or a disabled
    /// account end every session.
    /// </summary>
    public const string SessionClaim = "chat:session";

    /// <summary>The role claim of admins, spelled as the server stores it.</summary>
    public const string AdminRole = "admin";

    public static ClaimsPrincipal CreatePrincipal(AgentProfile agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        Claim[] claims =
        [
            new(ClaimTypes.NameIdentifier, agent.Id),
            new(ClaimTypes.Name, agent.Name),
            new(ClaimTypes.Email, agent.Email),
            new(ClaimTypes.Role, agent.Role),
            new(SessionClaim, agent.SessionStamp ?? ""),
        ];
        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme));
    }

    /// <summary>The signed-in agent's id, or null for anyone not signed in.</summary>
    public static string? AgentId(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var id = user.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        return string.IsNullOrEmpty(id) ? null : id;
    }
}
