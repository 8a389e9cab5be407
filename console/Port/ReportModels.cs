namespace Chat.AgentConsole.Port;

/// <summary>A report of one site for the days <see cref="From"/> to <see cref="To"/> (both included), optionally of one agent's chats.</summary>
public sealed record ReportRequest(string SiteId, DateOnly From, DateOnly To, string? AgentId = null);

/// <summary>Every figure of the reports page; docs/reports.md defines each.</summary>
public sealed record SiteReport(
    string SiteId,
    string SiteName,
    string TimeZone,
    DateOnly From,
    DateOnly To,
    string? AgentName,
    ReportVolume Volume,
    DurationFigures FirstResponse,
    DurationFigures Resolution,
    Satisfaction Csat,
    IReadOnlyList<IReadOnlyList<int>> BusyHours,
    IReadOnlyList<DayFigures> Days,
    IReadOnlyList<AgentFigures> Agents);

public sealed record ReportVolume(int Started, int Answered, int Missed, int LeftMessages);

/// <summary>Median and 90th percentile of <see cref="Count"/> durations; null when there are none.</summary>
public sealed record DurationFigures(int Count, TimeSpan? Median, TimeSpan? P90);

/// <param name="Distribution">How many ratings of 1, 2, 3, 4 and 5 (index 0 is a rating of 1).</param>
/// <param name="LowRatings">The latest ratings of 1 and 2, at most 50, newest first; the distribution counts them all.</param>
public sealed record Satisfaction(int Rated, double? Average, double? HappyShare, IReadOnlyList<int> Distribution, IReadOnlyList<LowRating> LowRatings);

/// <summary>A rating of 1 or 2, with what the customer wrote and a way back to the chat.</summary>
public sealed record LowRating(string ConversationId, string CustomerName, int Rating, string? Comment, DateTimeOffset StartedAt);

public sealed record DayFigures(DateOnly Day, int Started, int Answered, int Missed, int LeftMessages);

/// <param name="ActionsDue">Next actions owned by the agent that fell due in the period, up to now.</param>
/// <param name="ActionsKeptOnTime">Of those, kept no later than their due time.</param>
public sealed record AgentFigures(
    string AgentId,
    string Name,
    int Handled,
    int TransfersOut,
    TimeSpan? FirstResponseMedian,
    int Rated,
    double? CsatAverage,
    int ActionsDue,
    int ActionsKeptOnTime);
