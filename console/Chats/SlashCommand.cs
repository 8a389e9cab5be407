using Chat.AgentConsole.Port;

namespace Chat.AgentConsole.Chats;

/// <summary>A "/shortcut" being typed at the end of the composer's text.</summary>
/// <param name="Start">Where the slash is, so the filled reply can replace it.</param>
/// <param name="Query">What follows the slash so far.</param>
public sealed record SlashCommand(int Start, string Query)
{
    private const int MaxSuggestions = 8;

    /// <summary>
    /// The slash word the agent is typing: the last word of the text, starting with "/" at the
    /// start of the text or after a space. Null when they are not typing one.
    /// </summary>
    public static SlashCommand? Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var start = text.LastIndexOfAny([' ', '\n', '\t']) + 1;
        if (start >= text.Length || text[start] != '/')
        {
            return null;
        }

        var query = text[(start + 1)..];
        return query.All(c => char.IsLetterOrDigit(c) || c is '-' or '_') ? new SlashCommand(start, query) : null;
    }

    /// <summary>Replies whose shortcut starts with the query, shortest first.</summary>
    public IReadOnlyList<CannedReply> Matches(IEnumerable<CannedReply> replies)
    {
        ArgumentNullException.ThrowIfNull(replies);
        return replies
            .Where(r => r.Shortcut.StartsWith(Query, StringComparison.OrdinalIgnoreCase))
            .OrderBy(r => r.Shortcut.Length)
            .ThenBy(r => r.Shortcut, StringComparer.OrdinalIgnoreCase)
            .Take(MaxSuggestions)
            .ToList();
    }

    /// <summary>The text with the slash word replaced by the reply, its variables filled in.</summary>
    public string Apply(string text, CannedReply reply, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(reply);
        return string.Concat(text.AsSpan(0, Start), CannedTemplate.Fill(reply.Text, values));
    }
}
