using Chat.Server.Visitors;
using Microsoft.AspNetCore.SignalR;

namespace Chat.Server.Limits;

/// <summary>
/// What a visitor sends besides messages, typing previews and page reports, is limited like
/// messages, but past the limit it is dropped quietly: the call succeeds and nothing happens,
/// because a person typing fast should never see an error. Only those two methods pay for the
/// check; every other call passes straight through.
/// </summary>
internal sealed class QuietLimitsFilter(RateLimits limits) : IHubFilter
{
    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next) =>
        context.Hub is VisitorHub && context.HubMethodName is nameof(VisitorHub.Typing) or nameof(VisitorHub.ReportPage)
            && context.Context.User?.FindFirst(VisitorGate.CustomerClaim)?.Value is { } customerId
            ? LimitedAsync(context, next, customerId)
            : next(context);

    private async ValueTask<object?> LimitedAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next, string customerId)
    {
        var ct = context.Context.ConnectionAborted;
        var allowed = context.HubMethodName == nameof(VisitorHub.Typing)
            ? await limits.TypingAsync(customerId, ct)
            : await limits.PageReportAsync(customerId, ct);
        return allowed ? await next(context) : null;
    }
}
