using System.Text.RegularExpressions;

namespace Chat.AgentConsole.Chats;

public sealed record TextSegment(string Text, Uri? Link);

/// <summary>
/// Splits message text into plain text and web links. Only http and https become links,
/// so a "javascript:" or "data:" address in a message stays inert text.
/// </summary>
public static partial class LinkSegments
{
    [GeneratedRegex(@"https?://[^\s<>""']+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex UrlPattern();

    // Sentence punctuation right after a link belongs to the sentence, not the address.
    private static readonly char[] TrailingPunctuation = ['.', ',', ';', ':', '!', '?', ')', ']'];

    public static IReadOnlyList<TextSegment> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var segments = new List<TextSegment>();
        var position = 0;

        foreach (Match match in UrlPattern().Matches(text))
        {
            var candidate = match.Value.TrimEnd(TrailingPunctuation);
            if (!Uri.TryCreate(candidate, UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                continue;
            }

            if (match.Index > position)
            {
                segments.Add(new TextSegment(text[position..match.Index], null));
            }

            segments.Add(new TextSegment(candidate, uri));
            position = match.Index + candidate.Length;
        }

        if (position < text.Length)
        {
            segments.Add(new TextSegment(text[position..], null));
        }

        return segments;
    }
}
