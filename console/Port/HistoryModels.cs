namespace Chat.AgentConsole.Port;

/// <summary>
/// The conversations page's filters; null or empty means "any". Dates are whole days in the
/// chosen site's time zone (UTC when several sites are shown), <see cref="To"/> included.
/// </summary>
public sealed record ConversationFilter
{
    public string? Status { get; init; }

    public string? SiteId { get; init; }

    public string? AgentId { get; init; }

    public string? CustomerId { get; init; }

    public int? Rating { get; init; }

    public string? Tag { get; init; }

    public DateOnly? From { get; init; }

    public DateOnly? To { get; init; }

    /// <summary>Only conversations with a next action still open.</summary>
    public bool OpenAction { get; init; }

    /// <summary>The cursor of the previous page's last row; null for the first page.</summary>
    public string? After { get; init; }
}

public sealed record ConversationList(IReadOnlyList<ConversationListItem> Rows, string? Next);

/// <summary>One row of the conversations list.</summary>
public sealed record ConversationListItem(
    string Id,
    string SiteName,
    string CustomerName,
    string? CustomerEmail,
    string? AgentName,
    string Status,
    DateTimeOffset CreatedAt,
    int? Rating,
    long MessageCount)
{
    public bool HasOpenAction { get; init; }

    /// <summary>The site's IANA time zone, in which the start is shown.</summary>
    public string TimeZone { get; init; } = "UTC";
}

public sealed record HistoryChoices(IReadOnlyList<NamedItem> Sites, IReadOnlyList<NamedItem> Agents, IReadOnlyList<string> Tags);

public sealed record NamedItem(string Id, string Name);

/// <summary>A conversation as it happened, for reading back.</summary>
public sealed record ConversationRecord(
    string Id,
    string SiteId,
    string SiteName,
    string SiteTimeZone,
    string Status,
    string? AgentName,
    CustomerInfo Customer,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ResolvedAt,
    int? Rating,
    string? RatingComment,
    IReadOnlyList<ChatMessage> Messages,
    IReadOnlyList<ChatNote> Notes,
    IReadOnlyList<string> Tags,
    IReadOnlyList<NextAction> NextActions);

/// <summary>A page of search results, best first; <see cref="HasMore"/> when a next page exists.</summary>
public sealed record SearchResults(
    IReadOnlyList<string> Terms,
    IReadOnlyList<MessageHit> Messages,
    IReadOnlyList<CustomerHit> Customers,
    int Page,
    bool HasMore);

/// <summary>A message that matched, with the part of its text around the match.</summary>
public sealed record MessageHit(
    string ConversationId,
    long Seq,
    string SiteName,
    string CustomerName,
    string SenderName,
    DateTimeOffset CreatedAt,
    IReadOnlyList<TextPart> Snippet);

/// <summary>A customer whose name or email matched.</summary>
public sealed record CustomerHit(string CustomerId, string SiteName, IReadOnlyList<TextPart> Name, IReadOnlyList<TextPart> Email);

/// <summary>A piece of text; <see cref="Match"/> when it is one of the words searched for (shown highlighted).</summary>
public sealed record TextPart(string Text, bool Match);
