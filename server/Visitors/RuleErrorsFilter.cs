using Chat.AgentConsole.Port;
using Chat.Server.Observability;
using Microsoft.AspNetCore.SignalR;

namespace Chat.Server.Visitors;

/// <summary>
/// Sends a refused call back as "code: sentence", the form every client parses, from either hub.
/// Database or Redis failures past their policy become "unavailable": the client keeps the
/// message and retries with the same client id, which cannot store it twice.
/// </summary>
public sealed class RuleErrorsFilter(ChatMetrics metrics, ILogger<RuleErrorsFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(context);
        }
        catch (ChatRuleException e)
        {
            metrics.Refused(e.Code);
            throw new HubException($"{e.Code}: {e.Message}");
        }
        catch (ConsoleActionException e)
        {
            // The console's port counted the refusals it turned into these.
            throw new HubException($"{e.Code}: {e.Message}");
        }
        catch (Exception e) when (InfrastructureErrors.IsInfrastructure(e))
        {
            logger.LogWarning(e, "{Method} failed: storage or Redis unavailable", context.HubMethodName);
            metrics.Refused(InfrastructureErrors.Code);
            throw new HubException($"{InfrastructureErrors.Code}: {InfrastructureErrors.Sentence}");
        }
    }
}
