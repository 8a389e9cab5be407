using System.Text.RegularExpressions;

namespace Chat.Server.Insights;

/// <summary>
/// What a visitor's first message is about, as words and two-word phrases: lower case, with the
/// English and German stop words, anything with a digit (order numbers, dates, masked cards) and
/// people's names left out. A left-out word breaks a phrase, so "my parcel is late" gives
/// "parcel" and "late" but no "parcel late".
/// </summary>
public static partial class FirstMessagePhrases
{
    /// <summary>Each word and phrase once, however often the message says it.</summary>
    public static IReadOnlySet<string> Of(string? text, IEnumerable<string> names)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(text))
        {
            return found;
        }

        var left = new HashSet<string>(names.SelectMany(n => Tokens().Matches(n.ToLowerInvariant()).Select(m => m.Value)), StringComparer.Ordinal);
        string? previous = null;
        foreach (Match match in Tokens().Matches(text.ToLowerInvariant().Replace('’', '\'')))
        {
            var word = match.Value.Trim('\'');
            if (!Counts(word) || left.Contains(word))
            {
                previous = null;
                continue;
            }

            found.Add(word);
            if (previous is not null)
            {
                found.Add($"{previous} {word}");
            }

            previous = word;
        }

        return found;
    }

    private static bool Counts(string word) =>
        word.Length >= 2 && !word.Any(char.IsDigit) && !EnglishStopWords.Words.Contains(word) && !GermanStopWords.Words.Contains(word);

    [GeneratedRegex(@"[\p{L}\p{M}\p{N}']+", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Tokens();
}
