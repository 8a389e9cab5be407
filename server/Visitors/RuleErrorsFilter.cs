using Chat.AgentConsole.Port;
using Chat.Server.Observability;
using Chat.Server.Refusals;
using Microsoft.AspNetCore.SignalR;

namespace Chat.Server.Visitors;

/// <summary>
/// Sends a refused call back as "code: sentence", the form every client parses, from either hub.
/// Database or Redis failures past their policy become "unavailable": the client keeps the
/// message and retries with the same client id, which cannot store it twice. Anything else is a
/// fault of ours: logged as an error with its stack, answered <c>internal_error</c>.
/// Refusals are logged here (SignalR's own log of failed calls is switched off, see
/// <see cref="ChatApp"/>), as information and summarised per connection by <see cref="RefusalLog"/>.
/// </summary>
internal sealed partial class RuleErrorsFilter(ChatMetrics metrics, RefusalLog refusals, ILogger<RuleErrorsFilter> logger) : IHubFilter
{
    public const string InternalErrorCode = "internal_error";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(context);
        }
        catch (ChatRuleException e)
        {
            metrics.Refused(e.Code);
            throw Refuse(context, e.Code, e.Message);
        }
        catch (ConsoleActionException e)
        {
            // The console's port counted the refusals it turned into these.
            throw Refuse(context, e.Code, e.Message);
        }
        catch (HubException e)
        {
            // Thrown by a hub itself, already in the "code: sentence" form.
            var colon = e.Message.IndexOf(':', StringComparison.Ordinal);
            var code = colon > 0 ? e.Message[..colon] : "refused";
            metrics.Refused(code);
            refusals.Refused(context.Context.ConnectionId, context.HubMethodName, code, colon > 0 ? e.Message[(colon + 1)..].Trim() : e.Message);
            throw;
        }
        catch (Exception e) when (InfrastructureErrors.IsInfrastructure(e))
        {
            logger.LogWarning(e, "{Method} failed: storage or Redis unavailable", context.HubMethodName);
            metrics.Refused(InfrastructureErrors.Code);
            throw new HubException($"{InfrastructureErrors.Code}: {InfrastructureErrors.Sentence}");
        }
        catch (OperationCanceledException) when (context.Context.ConnectionAborted.IsCancellationRequested)
        {
            // The connection went away mid-call: nobody is left to answer.
            throw;
        }
        catch (Exception e)
        {
            Failed(e, context.HubMethodName);
            throw new HubException($"{InternalErrorCode}: Something went wrong on our side. Please try again.");
        }
    }

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // SignalR closes the connection; its own log of this is off with the rest of the dispatcher's.
            Failed(e, "OnConnectedAsync");
            throw;
        }
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        refusals.Closed(context.Context.ConnectionId);
        await next(context, exception);
    }

    private HubException Refuse(HubInvocationContext context, string code, string sentence)
    {
        refusals.Refused(context.Context.ConnectionId, context.HubMethodName, code, sentence);
        return new HubException($"{code}: {sentence}");
    }

    [LoggerMessage(EventId = 1603, Level = LogLevel.Error, Message = "{Method} failed")]
    private partial void Failed(Exception exception, string method);
}
