using Chat.AgentConsole.Port;
using Microsoft.AspNetCore.SignalR;

namespace Chat.Server.Visitors;

/// <summary>Sends a refused call back as "code: sentence", the form every client parses, from either hub.</summary>
public sealed class RuleErrorsFilter : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(context);
        }
        catch (ChatRuleException e)
        {
            throw new HubException($"{e.Code}: {e.Message}");
        }
        catch (ConsoleActionException e)
        {
            throw new HubException($"{e.Code}: {e.Message}");
        }
    }
}
