using Chat.AgentConsole.Port;

namespace Chat.AgentConsole.Chats;

/// <summary>How pressing a customer's wait is, against their site's thresholds.</summary>
public enum Urgency
{
    /// <summary>Nothing awaits a reply.</summary>
    None,

    /// <summary>Waiting, within the first threshold.</summary>
    Waiting,

    /// <summary>Past the first threshold: amber.</summary>
    Warn,

    /// <summary>Past the second threshold: red.</summary>
    Urgent,
}

public static class WaitUrgency
{
    public static Urgency Of(DateTimeOffset? waitingSince, WaitThresholds thresholds, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        if (waitingSince is not DateTimeOffset since)
        {
            return Urgency.None;
        }

        var waited = now - since;
        return waited >= thresholds.Urgent ? Urgency.Urgent
            : waited >= thresholds.Warn ? Urgency.Warn
            : Urgency.Waiting;
    }

    /// <summary>The CSS and test name of a level: "none", "waiting", "warn", "urgent".</summary>
    public static string Name(Urgency urgency) => urgency.ToString().ToLowerInvariant();
}
