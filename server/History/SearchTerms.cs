using System.Globalization;
using System.Text;
using Chat.AgentConsole.Port;

namespace Chat.Server.History;

/// <summary>
/// What an agent typed into search, as words: runs of letters and digits, every other character
/// a gap. Quotes, operators, <c>*</c>, brackets and SQL are not syntax here, so no input can
/// make a query fail or mean more than its words. Each word matches the beginning of a word in
/// the text ("refund" finds "refunded"), and a result holds every word.
/// </summary>
internal sealed class SearchTerms
{
    public const int MaxTerms = 8;
    public const int MaxTermLength = 40;

    private static readonly CompareInfo Compare = CultureInfo.InvariantCulture.CompareInfo;
    private const CompareOptions Loose = CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace;

    private SearchTerms(IReadOnlyList<string> words) => Words = words;

    public IReadOnlyList<string> Words { get; }

    public bool IsEmpty => Words.Count == 0;

    public static SearchTerms Parse(string? query)
    {
        var words = new List<string>();
        foreach (var word in Split(query ?? ""))
        {
            var term = Shorten(word);
            if (!words.Contains(term, StringComparer.OrdinalIgnoreCase))
            {
                words.Add(term);
            }

            if (words.Count == MaxTerms)
            {
                break;
            }
        }

        return new SearchTerms(words);
    }

    /// <summary>FTS5: each word quoted (it holds no quote) and matched as a prefix; all must match.</summary>
    public string ToFts5() => string.Join(' ', Words.Select(w => $"\"{w}\"*"));

    /// <summary>PostgreSQL's to_tsquery: each word as a prefix, all must match.</summary>
    public string ToTsQuery() => string.Join(" & ", Words.Select(w => $"{w.ToLowerInvariant()}:*"));

    /// <summary>For LIKE: the words hold only letters and digits, so none of LIKE's wildcards.</summary>
    public IEnumerable<string> ToLikePatterns() => Words.Select(w => $"%{w}%");

    /// <summary>
    /// The text cut to about <paramref name="width"/> characters around the first matching word,
    /// split into parts with the words that match marked, for a highlight that is text, not HTML.
    /// </summary>
    public IReadOnlyList<TextPart> Highlight(string? text, int width = 160)
    {
        text ??= "";
        var spans = Matches(text).ToList();
        var start = 0;
        var end = text.Length;
        if (text.Length > width)
        {
            var first = spans.Count > 0 ? spans[0].Start : 0;
            start = Math.Max(0, first - (width / 3));
            end = Math.Min(text.Length, start + width);
        }

        var parts = new List<TextPart>();
        if (start > 0)
        {
            parts.Add(new TextPart("…", false));
        }

        var at = start;
        foreach (var (s, length) in spans.Where(m => m.Start >= start && m.Start + m.Length <= end))
        {
            if (s > at)
            {
                parts.Add(new TextPart(text[at..s], false));
            }

            parts.Add(new TextPart(text.Substring(s, length), true));
            at = s + length;
        }

        if (at < end)
        {
            parts.Add(new TextPart(text[at..end], false));
        }

        if (end < text.Length)
        {
            parts.Add(new TextPart("…", false));
        }

        return parts;
    }

    /// <summary>Words of the text that begin with one of the terms, ignoring case and accents.</summary>
    private IEnumerable<(int Start, int Length)> Matches(string text)
    {
        var at = 0;
        foreach (var word in Split(text))
        {
            var start = text.IndexOf(word, at, StringComparison.Ordinal);
            at = start + word.Length;
            if (Words.Any(term => Compare.IsPrefix(word, term, Loose)))
            {
                yield return (start, word.Length);
            }
        }
    }

    // Never between the two halves of a surrogate pair, which no database would accept.
    private static string Shorten(string word)
    {
        if (word.Length <= MaxTermLength)
        {
            return word;
        }

        var length = char.IsHighSurrogate(word[MaxTermLength - 1]) ? MaxTermLength - 1 : MaxTermLength;
        return word[..length];
    }

    private static IEnumerable<string> Split(string text)
    {
        var word = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune) || (word.Length > 0 && Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark))
            {
                word.Append(rune.ToString());
            }
            else if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }
}
