namespace Chat.AgentConsole.Port;

/// <summary>
/// Past and present conversations of the sites an agent belongs to: listed with filters, opened
/// whole, and searched. Every method reads only the agent's own sites, and throws
/// <see cref="ConsoleActionException"/> with a stable code when asked for anything else.
/// </summary>
public interface IHistoryPort
{
    /// <summary>What the filters can choose from: the agent's sites, their agents and tags.</summary>
    Task<HistoryChoices> GetChoicesAsync(string agentId, CancellationToken ct);

    /// <summary>
    /// One page of conversations matching <paramref name="filter"/>, newest first. The page's
    /// <see cref="ConversationList.Next"/> cursor, passed back in the filter, gives the page after it.
    /// Refused with <c>filter_invalid</c> for a malformed cursor or date, or a site not the agent's.
    /// </summary>
    Task<ConversationList> ListAsync(string agentId, ConversationFilter filter, CancellationToken ct);

    /// <summary>The whole transcript with notes, transfers, tags, next actions and the rating. Refused with <c>not_your_conversation</c>.</summary>
    Task<ConversationRecord> OpenAsync(string agentId, string conversationId, CancellationToken ct);

    /// <summary>
    /// Messages and customers matching the words of <paramref name="query"/>, best match first.
    /// Any text is a valid query: quotes, operators and symbols are ignored, words are matched
    /// by their beginning. Page numbers start at 1.
    /// </summary>
    Task<SearchResults> SearchAsync(string agentId, string query, int page, CancellationToken ct);
}
