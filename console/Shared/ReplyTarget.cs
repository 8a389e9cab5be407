namespace Chat.AgentConsole.Shared;

/// <summary>
/// Act quickly, visibly: how long is left until the site's reply target on a waiting chat, or how
/// far past it the wait is. Whole minutes, like the wait beside it, as the console's clock ticks
/// every few seconds rather than every second.
/// </summary>
public static class ReplyTarget
{
    /// <summary>The words for the row, or null when the site has no target or nobody is waiting.</summary>
    public static string? Text(DateTimeOffset? waitingSince, TimeSpan? target, DateTimeOffset now)
    {
        if (waitingSince is not { } since || target is not { } aim)
        {
            return null;
        }

        var left = since + aim - now;
        if (left > TimeSpan.Zero)
        {
            return left < TimeSpan.FromMinutes(1) ? "reply within <1 min" : $"reply within {(int)Math.Ceiling(left.TotalMinutes)} min";
        }

        var over = -left;
        return over < TimeSpan.FromMinutes(1) ? "target just passed" : $"{(int)over.TotalMinutes} min past target";
    }

    /// <summary>True once the target has passed, for the row's colour.</summary>
    public static bool Passed(DateTimeOffset? waitingSince, TimeSpan? target, DateTimeOffset now) =>
        waitingSince is { } since && target is { } aim && now >= since + aim;
}
