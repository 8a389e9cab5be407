namespace Chat.AgentConsole.Chats;

/// <summary>An "@name" being typed at the end of a note: the colleagues it could name.</summary>
/// <param name="Start">Where the @ is, so the chosen name replaces what was typed.</param>
/// <param name="Query">What follows the @ so far.</param>
public sealed record MentionQuery(int Start, string Query)
{
    private const int MaxSuggestions = 6;

    /// <summary>The last word of the text when it starts with "@" (at the start or after a space); else null.</summary>
    public static MentionQuery? Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var start = text.LastIndexOfAny([' ', '\n', '\t']) + 1;
        if (start >= text.Length || text[start] != '@')
        {
            return null;
        }

        var query = text[(start + 1)..];
        return query.All(char.IsLetter) ? new MentionQuery(start, query) : null;
    }

    /// <summary>Colleagues with a name, or a word of it, starting with the query.</summary>
    public IReadOnlyList<string> Matches(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return names
            .Where(n => n.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(w => w.StartsWith(Query, StringComparison.CurrentCultureIgnoreCase)))
            .OrderBy(n => n, StringComparer.CurrentCultureIgnoreCase)
            .Take(MaxSuggestions)
            .ToList();
    }

    /// <summary>The text with what was typed after the @ replaced by the full name and a space.</summary>
    public string Apply(string text, string name) => string.Concat(text.AsSpan(0, Start), "@", name, " ");
}
