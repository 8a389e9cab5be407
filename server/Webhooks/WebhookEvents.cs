namespace Chat.Server.Webhooks;

/// <summary>The events a webhook endpoint can subscribe to.</summary>
public static class WebhookEvents
{
    /// <summary>A conversation's first message was stored.</summary>
    public const string ConversationCreated = "conversation.created";

    /// <summary>An agent got the conversation: routed, taken from the line, or transferred.</summary>
    public const string ConversationAssigned = "conversation.assigned";

    public const string ConversationResolved = "conversation.resolved";
    public const string ConversationRated = "conversation.rated";
    public const string MessageCreated = "message.created";

    /// <summary>The customer's name, email or custom attributes changed.</summary>
    public const string CustomerUpdated = "customer.updated";

    /// <summary>A next action is due within the quarter hour, or overdue (<c>data.overdue</c>).</summary>
    public const string NextActionDue = "next_action.due";

    public static readonly IReadOnlyList<string> All =
        [ConversationCreated, ConversationAssigned, ConversationResolved, ConversationRated, MessageCreated, CustomerUpdated, NextActionDue];

    public static IReadOnlyList<string> Validate(IEnumerable<string>? events)
    {
        var chosen = (events ?? []).Distinct(StringComparer.Ordinal).ToList();
        if (chosen.Count == 0 || chosen.Any(e => !All.Contains(e)))
        {
            throw new ChatRuleException("webhook_events_invalid", $"Pick one or more of {string.Join(", ", All)}.");
        }

        return [.. All.Where(chosen.Contains)];
    }
}
