using System.Net;
using Chat.AgentConsole.Port;
using Chat.Server.Agents.Sessions;

namespace Chat.Server.Agents.SignIn;

/// <summary>
/// Signing an agent in, for the console's login page and the JSON endpoint alike: the throttle
/// first (an attempt made too early is refused without a look at the password), then the
/// password, then whether the account may sign in at all (not disabled or deleted), and the
/// security stamp the new session carries.
/// </summary>
public sealed class AgentSignIn(AgentStore agents, AgentSessions sessions, SignInThrottle throttle, IHttpContextAccessor http)
{
    /// <summary>The agent, or null for a wrong email or password; <see cref="SignInRefusedException"/> when attempts must wait.</summary>
    public async Task<AgentProfile?> SignInAsync(string email, string password, CancellationToken ct)
    {
        var address = Address();
        await throttle.CheckAsync(email, address, ct);
        var agent = await agents.CheckCredentialsAsync(email, password, ct);
        if (agent is null)
        {
            await throttle.FailedAsync(email, address, ct);
            return null;
        }

        await throttle.SucceededAsync(agent.Id, ct);
        var stamp = await sessions.CurrentStampAsync(agent.Id, ct);
        return stamp is null
            ? null
            : new AgentProfile(agent.Id, agent.Name, agent.Email, agent.Role, (int)agent.Capacity) { AvatarUrl = agent.AvatarUrl, SessionStamp = stamp };
    }

    /// <summary>The caller's address: the login page and the JSON endpoint run inside a request.</summary>
    private IPAddress? Address() => http.HttpContext?.Connection.RemoteIpAddress;
}
