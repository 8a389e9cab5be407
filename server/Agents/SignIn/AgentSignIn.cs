using System.Net;
using Chat.AgentConsole.Port;
using Chat.Server.Agents.Sessions;
using Chat.Server.Audit;

namespace Chat.Server.Agents.SignIn;

/// <summary>
/// Signing an agent in, for the console's login page and the JSON endpoint alike: the throttle
/// first (an attempt made too early is refused without a look at the password), then the
/// password, then the second factor for agents who have one, then whether the account may sign
/// in at all (not disabled or deleted), and the security stamp the new session carries.
/// A wrong code counts as a wrong password.
/// </summary>
public sealed class AgentSignIn(AgentStore agents, AgentSessions sessions, SignInThrottle throttle, TwoFactor.TwoFactor twoFactor, IHttpContextAccessor http, AccountAudit audit)
{
    /// <summary>
    /// The agent, or null for a wrong email or password. <see cref="SignInRefusedException"/> when
    /// attempts must wait; <see cref="SecondFactorRequiredException"/> when the password was right
    /// and a code must follow (give it as <paramref name="code"/> at once, or to <see cref="CompleteAsync"/>).
    /// </summary>
    public async Task<AgentProfile?> SignInAsync(string email, string password, string? code, CancellationToken ct)
    {
        var address = Address();
        await throttle.CheckAsync(email, address, ct);
        var agent = await agents.CheckCredentialsAsync(email, password, ct);
        if (agent is null)
        {
            await throttle.FailedAsync(email, address, ct);
            await audit.SignInFailedAsync(email, ct);
            return null;
        }

        if (await twoFactor.IsEnabledAsync(agent.Id, ct))
        {
            if (string.IsNullOrWhiteSpace(code))
            {
                throw new SecondFactorRequiredException(twoFactor.ProtectPending(agent.Id));
            }

            if (!await twoFactor.VerifyAsync(agent.Id, code, ct))
            {
                await throttle.FailedAsync(email, address, ct);
                await audit.SignInFailedAsync(email, ct);
                return null;
            }
        }

        return await SignedInAsync(agent, ct);
    }

    /// <summary>The second step: the code for the sign-in whose password was right a moment ago.</summary>
    public async Task<AgentProfile?> CompleteAsync(string pending, string code, CancellationToken ct)
    {
        var agentId = twoFactor.UnprotectPending(pending);
        var agent = agentId is null ? null : await agents.FindAsync(agentId, ct);
        if (agent is null)
        {
            return null;
        }

        var address = Address();
        await throttle.CheckAsync(agent.Email, address, ct);
        if (!await twoFactor.VerifyAsync(agent.Id, code, ct))
        {
            await throttle.FailedAsync(agent.Email, address, ct);
            await audit.SignInFailedAsync(agent.Email, ct);
            return null;
        }

        return await SignedInAsync(agent, ct);
    }

    private async Task<AgentProfile?> SignedInAsync(Agent agent, CancellationToken ct)
    {
        await throttle.SucceededAsync(agent.Id, ct);
        var stamp = await sessions.CurrentStampAsync(agent.Id, ct);
        if (stamp is not null)
        {
            await audit.SignedInAsync(agent, ct);
        }

        return stamp is null
            ? null
            : new AgentProfile(agent.Id, agent.Name, agent.Email, agent.Role, (int)agent.Capacity) { AvatarUrl = agent.AvatarUrl, SessionStamp = stamp };
    }

    /// <summary>The caller's address: the login page and the JSON endpoint run inside a request.</summary>
    private IPAddress? Address() => http.HttpContext?.Connection.RemoteIpAddress;
}

/// <summary>The password was right; the sign-in needs the agent's code. <see cref="Pending"/> carries it over, sealed, for a few minutes.</summary>
public sealed class SecondFactorRequiredException(string pending) : Exception("Type the code from your authenticator app.")
{
    public string Pending { get; } = pending;
}
