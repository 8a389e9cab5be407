namespace Chat.AgentConsole.Insights;

/// <summary>What a site's insights count: conversation tags, canned replies used, and phrases of visitors' first messages.</summary>
public static class InsightKinds
{
    public const string Tag = "tag";
    public const string Canned = "canned";
    public const string Phrase = "phrase";

    public static readonly IReadOnlyList<string> All = [Tag, Canned, Phrase];
}

/// <summary>A conversation where an insight was heard, for the link to it.</summary>
public sealed record InsightConversation(string ConversationId, string CustomerName, DateTimeOffset At);

/// <summary>What an admin noted when they marked an insight acted on.</summary>
public sealed record InsightMark(DateTimeOffset At, string ByName, string Note);

/// <summary>
/// One thing heard on a site over the last seven days.
/// </summary>
/// <param name="Item">The key to mark it by: the tag or phrase in lower case, or the canned reply's id.</param>
/// <param name="Label">As people read it: the tag, "/shortcut", or the phrase.</param>
/// <param name="Count">Conversations that had it in the seven days.</param>
/// <param name="Conversations">Those conversations, newest first.</param>
/// <param name="CountSinceMark">Conversations that had it after it was marked acted on (all of them when it is not marked).</param>
public sealed record Insight(string Kind, string Item, string Label, int Count, IReadOnlyList<InsightConversation> Conversations, int CountSinceMark)
{
    /// <summary>Heard often enough to act on: three times, or three times again since it was marked acted on.</summary>
    public const int Threshold = 3;

    public InsightMark? Mark { get; init; }

    public bool Raised => CountSinceMark >= Threshold;

    /// <summary>Marked acted on, and heard three times again since.</summary>
    public bool RaisedAgain => Raised && Mark is not null;
}

/// <summary>A site's insights over the seven days up to <paramref name="To"/>, most heard first.</summary>
public sealed record InsightsReport(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<Insight> Items);

/// <summary>
/// The three-times rule for a site's admins. The server checks the caller is an admin of the
/// site; anyone else gets <see cref="Port.ConsoleActionException"/> with <c>admin_only</c> or
/// <c>not_found</c>.
/// </summary>
public interface IInsightsPort
{
    /// <summary>
    /// Every tag and canned reply heard in the last seven days, and every phrase heard at least
    /// twice. Each counts conversations, not repeats within one.
    /// </summary>
    Task<InsightsReport> GetInsightsAsync(string adminId, string siteId, CancellationToken ct);

    /// <summary>
    /// Marks an insight acted on with what was done (1 to 500 characters; <c>note_invalid</c>
    /// otherwise, <c>kind_invalid</c> for an unknown kind). Marking it again replaces the note and
    /// starts counting afresh.
    /// </summary>
    Task<InsightMark> MarkActedOnAsync(string adminId, string siteId, string kind, string item, string note, CancellationToken ct);
}
