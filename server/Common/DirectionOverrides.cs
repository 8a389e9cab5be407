using System.Buffers;

namespace Chat.Server;

/// <summary>
/// Names and page titles are labels, not prose: nobody needs a direction override in one, and a
/// crafted one ("abc‮gnp.exe") reorders itself to spoof another name. They are taken out before
/// the label is stored. Messages keep theirs as sent; the widget and console show them, not obey them.
/// </summary>
public static class DirectionOverrides
{
    // Embeddings and overrides (U+202A–U+202E) and isolates (U+2066–U+2069).
    private static readonly SearchValues<char> Controls = SearchValues.Create("\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069");

    public static string Strip(string text)
    {
        if (text.AsSpan().IndexOfAny(Controls) < 0)
        {
            return text;
        }

        return string.Create(text.Length - Count(text), text, static (span, source) =>
        {
            var i = 0;
            foreach (var c in source)
            {
                if (!Controls.Contains(c))
                {
                    span[i++] = c;
                }
            }
        });
    }

    private static int Count(string text)
    {
        var count = 0;
        foreach (var c in text)
        {
            if (Controls.Contains(c))
            {
                count++;
            }
        }

        return count;
    }
}
