namespace Chat.Server.NextActions;

/// <summary>What a next action must look like before anything is stored.</summary>
public static class NextActionRules
{
    public const int MaxWhatLength = 200;
    public const int MaxOutcomeLength = 500;

    /// <summary>Promises further out than this are plans, not next actions.</summary>
    public static readonly TimeSpan MaxAhead = TimeSpan.FromDays(365);

    /// <summary>A little slack for a due time typed as "now" that passed while the form was sent.</summary>
    public static readonly TimeSpan PastSlack = TimeSpan.FromMinutes(5);

    public static string ValidateWhat(string? what)
    {
        var trimmed = (what ?? "").Trim();
        return trimmed.Length is > 0 and <= MaxWhatLength
            ? trimmed
            : throw new ChatRuleException("action_what_invalid", $"Say what will be done, in 1 to {MaxWhatLength} characters.");
    }

    public static long ValidateDue(DateTimeOffset due, long nowMs)
    {
        var dueMs = due.ToUnixTimeMilliseconds();
        if (dueMs < nowMs - (long)PastSlack.TotalMilliseconds || dueMs > nowMs + (long)MaxAhead.TotalMilliseconds)
        {
            throw new ChatRuleException("action_due_invalid", "A next action is due from now to a year ahead.");
        }

        return dueMs;
    }

    public static string ValidateOutcome(string? outcome)
    {
        var trimmed = (outcome ?? "").Trim();
        return trimmed.Length is > 0 and <= MaxOutcomeLength
            ? trimmed
            : throw new ChatRuleException("action_outcome_invalid", $"Say what was done, in 1 to {MaxOutcomeLength} characters; the customer reads it.");
    }
}
