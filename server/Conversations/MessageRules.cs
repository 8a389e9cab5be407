using System.Text;

namespace Chat.Server.Conversations;

/// <summary>What a message and a rating must look like before anything is stored.</summary>
public static class MessageRules
{
    public const int MaxTextLength = 4000;
    public const int MaxClientIdLength = 64;
    public const int MaxCommentLength = 1000;

    public static string ValidateText(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || IsInvisible(text))
        {
            throw new ChatRuleException("message_empty", "A message cannot be empty.");
        }

        return ValidateLength(text);
    }

    /// <summary>
    /// Only characters that draw nothing: spaces, controls, format characters such as zero-width
    /// spaces, joiners and direction marks, and the blank fillers some scripts have. Such a
    /// message looks empty to whoever reads it.
    /// </summary>
    public static bool IsInvisible(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            var blank = Rune.IsWhiteSpace(rune)
                || category is System.Globalization.UnicodeCategory.Format or System.Globalization.UnicodeCategory.Control
                    or System.Globalization.UnicodeCategory.SpaceSeparator or System.Globalization.UnicodeCategory.NonSpacingMark
                    or System.Globalization.UnicodeCategory.EnclosingMark
                // Hangul fillers and the braille blank render as empty space.
                || rune.Value is 0x115F or 0x1160 or 0x3164 or 0xFFA0 or 0x2800;
            if (!blank)
            {
                return false;
            }
        }

        return true;
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
