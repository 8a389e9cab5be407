using Microsoft.AspNetCore.Diagnostics;

namespace Chat.Server.Refusals;

/// <summary>
/// An HTTP request whose body or parameters could not be bound (not JSON, a wrong type, an
/// unknown field, a missing or null body) is answered as a ProblemDetails with the code
/// <c>invalid_request</c> and what was wrong, like every other refusal, instead of a bare 400.
/// Handled here, so it is not logged as a server error.
/// </summary>
internal sealed partial class BadRequestHandler(ILogger<BadRequestHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        var sentence = bad.InnerException is null ? Describe(bad) : InvalidRequest.Describe(bad.InnerException);
        Refused(http.Request.Method, http.Request.Path, sentence);
        var status = bad.StatusCode is >= 400 and < 500 ? bad.StatusCode : StatusCodes.Status400BadRequest;
        await Problems.Of(status, InvalidRequest.Code, sentence).ExecuteAsync(http);
        return true;
    }

    /// <summary>Minimal APIs' own sentences name the parameter, never the value sent: good to pass on, shortened.</summary>
    private static string Describe(BadHttpRequestException bad) =>
        bad.Message.Length <= 200 ? bad.Message : "The request could not be read.";

    [LoggerMessage(EventId = 1604, Level = LogLevel.Information, Message = "Refused {Method} {Path}: invalid_request: {Sentence}")]
    private partial void Refused(string method, string path, string sentence);
}
