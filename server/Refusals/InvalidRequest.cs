using System.Text.Json;

namespace Chat.Server.Refusals;

/// <summary>
/// The refusal for a request whose shape is wrong: a missing or null argument object, a value
/// of the wrong JSON type, a field nobody reads. Its sentence says what was wrong, in terms of
/// the request's own field names, and never echoes the value that was sent.
/// </summary>
public static class InvalidRequest
{
    public const string Code = "invalid_request";

    public static ChatRuleException Because(string what) => new(Code, what);

    /// <summary>A sentence for a request that could not be read, from the exception that stopped the reader.</summary>
    public static string Describe(Exception failure)
    {
        for (var e = (Exception?)failure; e is not null; e = e.InnerException)
        {
            if (e is JsonException json)
            {
                return DescribeJson(json);
            }
        }

        // SignalR's own words for a wrong number of arguments, which carry no input.
        var message = failure.InnerException?.Message ?? failure.Message;
        return message.StartsWith("Invocation provides", StringComparison.Ordinal)
            ? message
            : "The request could not be read.";
    }

    private static string DescribeJson(JsonException json)
    {
        var field = FieldName(json.Path);
        // System.Text.Json names an unmapped property in its message; take only the name between the quotes.
        if (json.Message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            var unknown = Quoted(json.Message) ?? field;
            return unknown is null ? "The request has a field that is not part of it." : $"The field '{unknown}' is not part of this request.";
        }

        return field is null
            ? "The request is not a JSON object of the expected shape."
            : $"The field '{field}' has the wrong type.";
    }

    /// <summary>"$.conversationId" or "$[0].text" becomes "conversationId" or "text"; the root has no name.</summary>
    private static string? FieldName(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return null;
        }

        var last = path[(path.LastIndexOfAny(['.', ']']) + 1)..];
        return last.Length == 0 || last.Length > 64 ? null : last;
    }

    private static string? Quoted(string message)
    {
        var start = message.IndexOf('\'', StringComparison.Ordinal);
        var end = start < 0 ? -1 : message.IndexOf('\'', start + 1);
        var name = end > start + 1 ? message[(start + 1)..end] : null;
        return name is { Length: <= 64 } ? name : null;
    }
}
