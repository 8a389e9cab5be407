using Chat.AgentConsole.Port;
using Chat.Server.Agents.Sessions;

namespace Chat.Server.Agents.SignIn;

/// <summary>
/// Signing an agent in, for the console's login page and the JSON endpoint alike: the password,
/// then whether the account may sign in at all (not disabled or deleted), and the security
/// stamp the new session carries.
/// </summary>
public sealed class AgentSignIn(AgentStore agents, AgentSessions sessions)
{
    public async Task<AgentProfile?> SignInAsync(string email, string password, CancellationToken ct)
    {
        var agent = await agents.CheckCredentialsAsync(email, password, ct);
        var stamp = agent is null ? null : await sessions.CurrentStampAsync(agent.Id, ct);
        return agent is null || stamp is null
            ? null
            : new AgentProfile(agent.Id, agent.Name, agent.Email, agent.Role, (int)agent.Capacity) { AvatarUrl = agent.AvatarUrl, SessionStamp = stamp };
    }
}
