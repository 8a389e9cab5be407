using System.Diagnostics;
using System.Globalization;

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
        var stamp = "t" + timestamp.ToString(CultureInfo.InvariantCulture);
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
        return long.TryParse(end < 0 ? text.AsSpan(1) : text.AsSpan(1, end - 1), NumberStyles.None, CultureInfo.InvariantCulture, out timestamp);
    }

    public static double MillisecondsSince(long timestamp) => Stopwatch.GetElapsedTime(timestamp).TotalMilliseconds;
}
