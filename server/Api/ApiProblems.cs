using Chat.AgentConsole.Port;
using Chat.Server.Limits;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Chat.Server.Api;

/// <summary>
/// Refusals of the API as ProblemDetails with the same stable codes as the hubs. The HTTP status
/// follows the code, so clients can branch on either.
/// </summary>
internal static class ApiProblems
{
    /// <summary>Codes that mean "no such thing on your site": someone else's id and a missing id look alike.</summary>
    private static readonly HashSet<string> NotFoundCodes = ["not_found", "not_your_conversation", "unknown_agent"];

    /// <summary>Codes that mean the thing exists but is not in a state for this.</summary>
    private static readonly HashSet<string> ConflictCodes =
        ["conversation_closed", "cannot_take", "agent_unavailable", "not_assigned", "idempotency_key_in_use", "cannot_reopen", "conversation_not_resolved"];

    public static int StatusOf(string code) =>
        code == RateLimits.Code ? StatusCodes.Status429TooManyRequests
        : NotFoundCodes.Contains(code) ? StatusCodes.Status404NotFound
        : ConflictCodes.Contains(code) ? StatusCodes.Status409Conflict
        : code == InfrastructureErrors.Code ? StatusCodes.Status503ServiceUnavailable
        : StatusCodes.Status400BadRequest;

    public static ProblemHttpResult Of(string code, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusOf(code), extensions: new Dictionary<string, object?> { ["code"] = code });

    public static ProblemHttpResult From(Exception e) => e switch
    {
        ChatRuleException rule => Of(rule.Code, rule.Message),
        ConsoleActionException console => Of(console.Code, console.Message),
        _ => throw e,
    };

    public static ProblemHttpResult NotFound(string what) => Of("not_found", $"No {what} with this id on your site.");

    /// <summary>For answers written outside an endpoint: the authentication handler, the rate limit.</summary>
    public static Task Write(HttpContext http, int status, string code, string detail)
    {
        http.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Detail = detail, Extensions = { ["code"] = code } };
        return http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem }).AsTask();
    }
}
