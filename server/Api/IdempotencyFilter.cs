using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Chat.Server.Api;

/// <summary>
/// <c>Idempotency-Key</c> on a POST or PATCH: the first answer is stored and a retry with the same
/// key gets it again (with <c>Idempotent-Replayed: true</c>) without doing anything twice. The
/// same key with another request is refused (<c>idempotency_key_reused</c>), and one still running
/// answers 409 (<c>idempotency_key_in_use</c>). Server faults and 429s are not stored, so a retry
/// really retries.
/// </summary>
internal sealed class IdempotencyFilter(IdempotencyStore store) : IEndpointFilter
{
    public const string Header = "Idempotency-Key";
    private const int MaxKeyLength = 255;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = http.Request.Headers[Header].ToString();
        if (key.Length == 0)
        {
            return await next(context);
        }

        if (key.Length > MaxKeyLength)
        {
            return ApiProblems.Of("idempotency_key_invalid", $"An Idempotency-Key has at most {MaxKeyLength} characters; a UUID is a good choice.");
        }

        var keyId = http.User.KeyId();
        var hash = RequestHash(http, context.Arguments);
        var stored = await store.BeginAsync(keyId, key, hash, http.RequestAborted);
        if (stored is not null)
        {
            return stored.RequestHash != hash
                ? ApiProblems.Of("idempotency_key_reused", "This Idempotency-Key was used for another request. Use a new key for each new request.")
                : stored.Status == 0
                    ? ApiProblems.Of("idempotency_key_in_use", "The first request with this Idempotency-Key is still running. Retry in a moment.")
                    : new Replayed((int)stored.Status, stored.Body ?? "");
        }

        try
        {
            return await RunAndStoreAsync(http, context, next, keyId, key);
        }
        catch
        {
            await store.ForgetAsync(keyId, key, CancellationToken.None);
            throw;
        }
    }

    private async Task<object?> RunAndStoreAsync(HttpContext http, EndpointFilterInvocationContext context, EndpointFilterDelegate next, string keyId, string key)
    {
        var result = await next(context);
        if (result is not IResult answer)
        {
            await store.ForgetAsync(keyId, key, CancellationToken.None);
            return result;
        }

        // Written once into a buffer, so the stored body is byte for byte what the client received.
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await answer.ExecuteAsync(http);
        }
        finally
        {
            http.Response.Body = original;
        }

        var status = http.Response.StatusCode;
        if (status >= 500 || status == StatusCodes.Status429TooManyRequests)
        {
            await store.ForgetAsync(keyId, key, CancellationToken.None);
        }
        else
        {
            // Stored even if the client has gone: its retry must find the answer, not run again.
            await store.CompleteAsync(keyId, key, status, Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length), CancellationToken.None);
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, http.RequestAborted);
        return Results.Empty;
    }

    /// <summary>The method, path and the request's own arguments (its body and route values), never services.</summary>
    private static string RequestHash(HttpContext http, IList<object?> arguments)
    {
        var mine = arguments.Where(a => a is string || a?.GetType().Namespace == typeof(IdempotencyFilter).Namespace).ToList();
        var text = $"{http.Request.Method} {http.Request.Path}\n{JsonSerializer.Serialize(mine)}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>The stored answer of the first request.</summary>
    private sealed class Replayed(int status, string body) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = status >= 400 ? "application/problem+json" : "application/json; charset=utf-8";
            httpContext.Response.Headers["Idempotent-Replayed"] = "true";
            return httpContext.Response.WriteAsync(body, httpContext.RequestAborted);
        }
    }
}
