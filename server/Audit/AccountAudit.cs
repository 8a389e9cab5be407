using Chat.AgentConsole.Port;
using Chat.Server.Agents;
using Chat.Server.Storage;
using Dapper;

namespace Chat.Server.Audit;

/// <summary>
/// Audit entries about an agent's own account (sign-in, sign-out, password, two-factor), filed
/// under every site the agent answers for, so each of those sites' admins can read them.
/// </summary>
public sealed class AccountAudit(AuditLog audit, AgentStore agents, Database database)
{
    public async Task SignedInAsync(Agent agent, CancellationToken ct) =>
        await audit.RecordAsync(AuditActor.Of(agent), AuditActions.SignedIn, await agents.SiteIdsAsync(agent.Id, ct), "agent", agent.Id, agent.Email, ct);

    /// <summary>
    /// A wrong password or code. Recorded the same way whether or not the email is an agent's (the
    /// same work either way); an unknown email's entry belongs to no site, so no admin reads what
    /// a stranger typed.
    /// </summary>
    public async Task SignInFailedAsync(string email, CancellationToken ct)
    {
        var normalized = AgentStore.NormalizeEmail(email);
        var agent = await database.RunAsync((c, token) => c.QuerySingleOrDefaultAsync<(string? Id, string? Name)>(new CommandDefinition(
            "SELECT id, name FROM agents WHERE email = @normalized AND deleted_at IS NULL;", new { normalized }, cancellationToken: token)), ct);
        var sites = agent.Id is null ? [] : await agents.SiteIdsAsync(agent.Id, ct);
        await audit.RecordAsync(new AuditActor(agent.Id, agent.Name ?? "Unknown account"), AuditActions.SignInFailed, sites, "agent", agent.Id, normalized, ct);
    }

    public Task SignedOutAsync(string agentId, CancellationToken ct) => RecordAsync(agentId, AuditActions.SignedOut, "", ct);

    public Task PasswordChangedAsync(string agentId, CancellationToken ct) => RecordAsync(agentId, AuditActions.PasswordChanged, "", ct);

    public Task TwoFactorEnabledAsync(string agentId, CancellationToken ct) => RecordAsync(agentId, AuditActions.TwoFactorEnabled, "", ct);

    private async Task RecordAsync(string agentId, string action, string detail, CancellationToken ct)
    {
        var agent = await agents.FindAsync(agentId, ct);
        if (agent is not null)
        {
            await audit.RecordAsync(AuditActor.Of(agent), action, await agents.SiteIdsAsync(agent.Id, ct), "agent", agent.Id, detail, ct);
        }
    }
}
