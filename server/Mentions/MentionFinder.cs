namespace Chat.Server.Mentions;

/// <summary>
/// Who a note names with <c>@</c>: an agent of the chat's site by full name (<c>@Sam Small</c>) or,
/// when no colleague shares it, by first name (<c>@Sam</c>), in any case, followed by a word
/// boundary. Pure, so the rule is tested on its own; agents of other sites are never candidates.
/// </summary>
public static class MentionFinder
{
    public static IReadOnlyList<string> Find(string text, IReadOnlyList<(string Id, string Name)> candidates)
    {
        if (string.IsNullOrEmpty(text) || !text.Contains('@', StringComparison.Ordinal))
        {
            return [];
        }

        var firstNames = candidates.GroupBy(c => FirstName(c.Name), StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);
        var found = new List<string>();
        foreach (var (id, name) in candidates)
        {
            var first = FirstName(name);
            if (Names(text, name) || (first.Length > 0 && firstNames[first] == 1 && Names(text, first)))
            {
                found.Add(id);
            }
        }

        return found;
    }

    private static string FirstName(string name) => name.Trim().Split(' ', 2)[0];

    private static bool Names(string text, string name)
    {
        for (var at = text.IndexOf('@', StringComparison.Ordinal); at >= 0; at = text.IndexOf('@', at + 1))
        {
            var start = at + 1;
            // "ana@example.com" is an address, not a mention: the @ must start a word.
            var startsWord = at == 0 || !char.IsLetterOrDigit(text[at - 1]);
            if (startsWord && string.Compare(text, start, name, 0, name.Length, StringComparison.OrdinalIgnoreCase) == 0
                && (start + name.Length == text.Length || !char.IsLetterOrDigit(text[start + name.Length])))
            {
                return true;
            }
        }

        return false;
    }
}
