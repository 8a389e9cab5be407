using System.Diagnostics;

namespace Chat.Bench.Load;

/// <summary>
/// A message text that carries the moment it was due to be sent (a Stopwatch timestamp of
/// this process), padded to a chat-like length. The receiving end, in the same process,
/// reads the timestamp back to time the trip.
/// </summary>
public static class MessageStamp
{
    private const string Filler = " The quick brown fox jumps over the lazy dog, then asks where its parcel is.";

    public static string Create(long timestamp, int length)
    {
        var stamp = "t" + Letters(timestamp);
        var text = stamp;
        while (text.Length < length)
        {
            text += Filler;
        }

        return text.Length > Math.Max(length, stamp.Length) ? text[..Math.Max(length, stamp.Length)] : text;
    }

    public static bool TryRead(string text, out long timestamp)
    {
        timestamp = 0;
        if (text.Length < 2 || text[0] != 't')
        {
            return false;
        }

        var end = text.IndexOf(' ', StringComparison.Ordinal);
        foreach (var letter in end < 0 ? text.AsSpan(1) : text.AsSpan(1, end - 1))
        {
            if (letter is < 'a' or > 'z')
            {
                return false;
            }

            timestamp = (timestamp * 26) + (letter - 'a');
        }

        return true;
    }

    /// <summary>
    /// The timestamp in base 26, letters only. As digits, one stamp in ten would be a run of 13 to
    /// 19 digits that passes the Luhn check: a card number to the server's privacy guard, which
    /// masks it, so the stamp would no longer read.
    /// </summary>
    private static string Letters(long value)
    {
        Span<char> letters = stackalloc char[16];
        var at = letters.Length;
        do
        {
            letters[--at] = (char)('a' + (value % 26));
            value /= 26;
        }
        while (value > 0);

        return new string(letters[at..]);
    }

    public static double MillisecondsSince(long timestamp) => Stopwatch.GetElapsedTime(timestamp).TotalMilliseconds;
}
