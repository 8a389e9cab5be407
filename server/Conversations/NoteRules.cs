namespace Chat.Server.Conversations;

/// <summary>What an internal note and a transfer note must look like before anything is stored.</summary>
public static class NoteRules
{
    public const int MaxNoteLength = MessageRules.MaxTextLength;
    public const int MaxTransferNoteLength = 1000;

    public static string ValidateNote(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ChatRuleException("note_empty", "A note cannot be empty.");
        }

        return text.Length <= MaxNoteLength
            ? text
            : throw new ChatRuleException("note_too_long", $"A note can be at most {MaxNoteLength} characters.");
    }

    /// <summary>A transfer note is optional; blank becomes empty.</summary>
    public static string ValidateTransferNote(string? text)
    {
        var trimmed = (text ?? "").Trim();
        return trimmed.Length <= MaxTransferNoteLength
            ? trimmed
            : throw new ChatRuleException("note_too_long", $"A transfer note can be at most {MaxTransferNoteLength} characters.");
    }
}
