namespace Chat.Server.Conversations;

/// <summary>What a message and a rating must look like before anything is stored.</summary>
public static class MessageRules
{
    public const int MaxTextLength = 4000;
    public const int MaxClientIdLength = 64;
    public const int MaxCommentLength = 1000;

    public static string ValidateText(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ChatRuleException("message_empty", "A message cannot be empty.");
        }

        return ValidateLength(text);
    }

    /// <summary>A typing preview may be empty (the visitor stopped typing) but no longer than a message.</summary>
    public static string ValidatePreview(string? text) => ValidateLength(text ?? "");

    private static string ValidateLength(string text) =>
        text.Length > MaxTextLength
            ? throw new ChatRuleException("message_too_long", $"A message can be at most {MaxTextLength} characters.")
            : text;

    public static string ValidateClientId(string? clientId)
    {
        if (string.IsNullOrWhiteSpace(clientId) || clientId.Length > MaxClientIdLength)
        {
            throw new ChatRuleException("client_id_invalid", $"Every message needs a client id of 1 to {MaxClientIdLength} characters.");
        }

        return clientId;
    }

    public static (int Rating, string? Comment) ValidateRating(int rating, string? comment)
    {
        if (rating is < 1 or > 5)
        {
            throw new ChatRuleException("rating_invalid", "A rating is a whole number from 1 to 5.");
        }

        var trimmed = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (trimmed is { Length: > MaxCommentLength })
        {
            throw new ChatRuleException("comment_too_long", $"A comment can be at most {MaxCommentLength} characters.");
        }

        return (rating, trimmed);
    }

    /// <summary>The refusal for a conversation that does not exist or is someone else's: the two are not told apart.</summary>
    public static ChatRuleException NotYours() =>
        new("not_your_conversation", "This conversation does not exist or is not yours.");
}
