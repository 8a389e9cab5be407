using System.Security.Claims;
using Chat.AgentConsole;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace Chat.Server.Agents.Sessions;

/// <summary>
/// The console circuit's sign-in, which ends with the agent's session: at once when the session
/// ends anywhere (<see cref="AgentSessions.Ended"/>), and at the next revalidation, a few seconds
/// later at most, when it ended on a node whose announcement did not arrive. The console's
/// <c>SessionGuard</c> then sends the browser to the sign-in page and closes the circuit.
/// </summary>
internal sealed class AgentCircuitSessions : RevalidatingServerAuthenticationStateProvider
{
    private readonly AgentSessions _sessions;

    public AgentCircuitSessions(AgentSessions sessions, ILoggerFactory loggers) : base(loggers)
    {
        _sessions = sessions;
        _sessions.Ended += OnEnded;
    }

    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(5);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var user = authenticationState.User;
        return await _sessions.IsCurrentAsync(ConsoleAuth.AgentId(user), user.FindFirst(AgentSessions.StampClaim)?.Value, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        _sessions.Ended -= OnEnded;
        base.Dispose(disposing);
    }

    private void OnEnded(string agentId) => _ = EndIfMineAsync(agentId);

    private async Task EndIfMineAsync(string agentId)
    {
        AuthenticationState state;
        try
        {
            state = await GetAuthenticationStateAsync();
        }
        catch (InvalidOperationException)
        {
            // The circuit has no sign-in yet: nothing to end.
            return;
        }

        if (ConsoleAuth.AgentId(state.User) == agentId)
        {
            NotifyAuthenticationStateChanged(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
        }
    }
}
