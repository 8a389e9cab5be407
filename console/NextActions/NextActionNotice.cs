using Chat.AgentConsole.Port;

namespace Chat.AgentConsole.NextActions;

/// <summary>The line a reminder puts at the top of the console.</summary>
public static class NextActionNotice
{
    public static string Describe(NextActionReminder reminder, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        var a = reminder.Action;
        var when = DueTime.Describe(a.DueAt, now, a.TimeZone);
        // The promise is worded for the customer ("Alex will email you …"), so it is quoted as they read it.
        return reminder.Overdue
            ? $"Overdue since {when} ({a.CustomerName}): “{a.OwnerName} will {a.What}”"
            : $"Due {when} ({a.CustomerName}): “{a.OwnerName} will {a.What}”";
    }
}
