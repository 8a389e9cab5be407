using Chat.Server.Observability;

namespace Chat.Server;

/// <summary>ProblemDetails answers with a stable <c>code</c> that clients can act on.</summary>
public static class Problems
{
    public static IResult Of(int status, string code, string detail) =>
        new Refusal(code, TypedResults.Problem(detail: detail, statusCode: status, extensions: new Dictionary<string, object?> { ["code"] = code }));

    public static IResult From(ChatRuleException e) =>
        Of(e.Code == Limits.RateLimits.Code ? StatusCodes.Status429TooManyRequests : StatusCodes.Status400BadRequest, e.Code, e.Message);

    public static IResult UnknownSite() => Of(StatusCodes.Status404NotFound, "unknown_site", "No site has this key.");

    public static IResult OriginNotAllowed(string origin) =>
        Of(StatusCodes.Status403Forbidden, "origin_not_allowed", $"The origin {origin} is not allowed for this site.");

    /// <summary>A problem answer that counts its code in <c>chat.refusals</c> when it is sent.</summary>
    private sealed class Refusal(string code, IResult problem) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.RequestServices.GetService<ChatMetrics>()?.Refused(code);
            return problem.ExecuteAsync(httpContext);
        }
    }
}
