using Chat.AgentConsole.Port;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chat.Server.Api;

/// <summary>Runs an endpoint's work; a rule's refusal becomes its ProblemDetails, nothing else is caught.</summary>
internal static class ApiCall
{
    public static async Task<Results<Ok<T>, ProblemHttpResult>> OkAsync<T>(Func<Task<T>> work)
    {
        try
        {
            return TypedResults.Ok(await work());
        }
        catch (Exception e) when (e is ChatRuleException or ConsoleActionException)
        {
            return ApiProblems.From(e);
        }
    }
}
