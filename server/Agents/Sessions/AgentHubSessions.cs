using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Chat.Server.Agents.Sessions;

/// <summary>
/// Keeps the agent hub's connections to the session that opened them. A connection whose
/// session ended is closed at once (<see cref="AgentSessions.Ended"/>), and every call on the
/// agent hub checks the stamp its cookie carried against the cached one first, so a call that
/// races the close is refused too. Costs a dictionary look-up per call.
/// </summary>
internal sealed class AgentHubSessions : IHubFilter, IDisposable
{
    private readonly AgentSessions _sessions;
    private readonly ConcurrentDictionary<string, HubCallerContext> _connections = new(StringComparer.Ordinal);

    public AgentHubSessions(AgentSessions sessions)
    {
        _sessions = sessions;
        _sessions.Ended += Close;
    }

    public const string EndedCode = "session_ended";

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        if (context.Hub is AgentHub)
        {
            await CheckAsync(context.Context);
            _connections[context.Context.ConnectionId] = context.Context;
        }

        await next(context);
    }

    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (context.Hub is not AgentHub)
        {
            return next(context);
        }

        // The stamp is cached, so the check is almost always done at once: then the call costs no state machine here.
        var check = CheckAsync(context.Context);
        return check.IsCompletedSuccessfully ? next(context) : CheckedAsync(check, context, next);
    }

    private static async ValueTask<object?> CheckedAsync(ValueTask check, HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        await check;
        return await next(context);
    }

    public Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        _connections.TryRemove(context.Context.ConnectionId, out _);
        return next(context, exception);
    }

    public void Dispose() => _sessions.Ended -= Close;

    private async ValueTask CheckAsync(HubCallerContext caller)
    {
        var (agentId, stamp) = AgentHubIdentity.Of(caller);
        if (!await _sessions.IsCurrentAsync(agentId, stamp, caller.ConnectionAborted))
        {
            caller.Abort();
            throw new HubException($"{EndedCode}: Your session has ended. Sign in again.");
        }
    }

    private void Close(string agentId)
    {
        foreach (var caller in _connections.Values)
        {
            if (AgentHubIdentity.Of(caller).AgentId == agentId)
            {
                caller.Abort();
            }
        }
    }
}
