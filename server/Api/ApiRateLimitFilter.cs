using System.Globalization;
using Chat.Server.Limits;
using Microsoft.Extensions.Options;

namespace Chat.Server.Api;

/// <summary>
/// Requests per key per minute, counted by the same limiter as the widget's limits (in Redis when
/// configured, so the limit holds across nodes). A refusal is 429 <c>rate_limited</c> with
/// Retry-After, before the endpoint runs.
/// </summary>
internal sealed class ApiRateLimitFilter(IRateLimiter limiter, IOptions<ApiOptions> options) : IEndpointFilter
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!await limiter.TryAcquireAsync($"limit:api:{http.User.KeyId()}", options.Value.RequestsPerMinute, Window, http.RequestAborted))
        {
            // The window slides: by a whole window from now the oldest counted request has surely left it.
            http.Response.Headers.RetryAfter = ((int)Window.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return ApiProblems.Of(RateLimits.Code, $"This key made more than {options.Value.RequestsPerMinute} requests in a minute. Wait as long as Retry-After says, then try again.");
        }

        return await next(context);
    }
}
