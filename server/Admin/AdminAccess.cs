using Chat.AgentConsole.Port;
using Chat.Server.Agents;

namespace Chat.Server.Admin;

/// <summary>
/// The admin check for the service reports (insights, the coach's counts): the role is read from
/// the database on every call, a required second factor is honoured, and an admin reaches only
/// the sites they belong to. Refusals come out as the console's <see cref="ConsoleActionException"/>.
/// </summary>
public sealed class AdminAccess(AgentStore agents, AgentAdminStore accounts)
{
    /// <summary>The admin, when the site is one of theirs; refused with <c>admin_only</c> or <c>not_found</c>.</summary>
    public async Task<Agent> SiteAdminAsync(string adminId, string siteId, CancellationToken ct)
    {
        var agent = string.IsNullOrEmpty(adminId) ? null : await agents.FindAsync(adminId, ct);
        if (agent is not { Role: AgentRoles.Admin })
        {
            throw new ConsoleActionException("admin_only", "Only admins can do this.");
        }

        if (await accounts.LacksRequiredTwoFactorAsync(agent.Id, ct))
        {
            throw new ConsoleActionException(AdminPort.TwoFactorRequiredCode,
                "Your sites require admins to sign in with a second factor. Turn on two-factor sign-in first: click your name at the top of the console.");
        }

        if (string.IsNullOrEmpty(siteId) || !(await agents.SiteIdsAsync(agent.Id, ct)).Contains(siteId, StringComparer.Ordinal))
        {
            throw new ConsoleActionException("not_found", "This site does not exist or is not yours.");
        }

        return agent;
    }
}
