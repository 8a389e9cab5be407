namespace Chat.AgentConsole.Shared;

/// <summary>Short, glanceable durations for wait times: "2 min", "1 h 5 min".</summary>
public static class WaitText
{
    public static string Format(DateTimeOffset since, DateTimeOffset now)
    {
        var elapsed = now - since;
        if (elapsed < TimeSpan.FromMinutes(1))
        {
            return "<1 min";
        }

        if (elapsed < TimeSpan.FromHours(1))
        {
            return $"{(int)elapsed.TotalMinutes} min";
        }

        return elapsed.Minutes == 0
            ? $"{(int)elapsed.TotalHours} h"
            : $"{(int)elapsed.TotalHours} h {elapsed.Minutes} min";
    }
}
