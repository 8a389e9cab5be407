using System.Collections.Concurrent;

namespace Chat.Server.Refusals;

/// <summary>
/// Logs refused hub calls as information, without a stack trace: a refusal is the server doing
/// its job, not failing. One connection's refusals are summarised: the first few in each window
/// are logged one by one, the rest counted and logged as one line when the window ends or the
/// connection closes. So a client that sends thousands of bad calls a second adds a few lines to
/// the log, not megabytes.
/// </summary>
internal sealed partial class RefusalLog(TimeProvider time, ILogger<RefusalLog> logger)
{
    /// <summary>Refusals logged one by one per connection and window; the rest are counted.</summary>
    public const int LoggedPerWindow = 5;

    public static readonly TimeSpan Window = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Tally> _tallies = new(StringComparer.Ordinal);

    public void Refused(string connectionId, string method, string code, string sentence)
    {
        var tally = _tallies.GetOrAdd(connectionId, _ => new Tally(time.GetTimestamp()));
        int summarised;
        bool logThis;
        lock (tally)
        {
            summarised = 0;
            if (time.GetElapsedTime(tally.Started) >= Window)
            {
                summarised = tally.Suppressed;
                tally.Started = time.GetTimestamp();
                tally.Logged = 0;
                tally.Suppressed = 0;
            }

            logThis = tally.Logged < LoggedPerWindow;
            if (logThis)
            {
                tally.Logged++;
            }
            else
            {
                tally.Suppressed++;
            }
        }

        if (summarised > 0)
        {
            Summary(connectionId, summarised);
        }

        if (logThis)
        {
            Refusal(connectionId, method, code, Shorten(sentence));
        }
    }

    /// <summary>The connection closed: what was counted and not yet logged is logged now.</summary>
    public void Closed(string connectionId)
    {
        if (_tallies.TryRemove(connectionId, out var tally))
        {
            int suppressed;
            lock (tally)
            {
                suppressed = tally.Suppressed;
            }

            if (suppressed > 0)
            {
                Summary(connectionId, suppressed);
            }
        }
    }

    private static string Shorten(string sentence) => sentence.Length <= 200 ? sentence : sentence[..200] + "…";

    [LoggerMessage(EventId = 1601, Level = LogLevel.Information, Message = "Refused {Method} on connection {ConnectionId}: {Code}: {Sentence}")]
    private partial void Refusal(string connectionId, string method, string code, string sentence);

    [LoggerMessage(EventId = 1602, Level = LogLevel.Information, Message = "Refused {Count} more calls on connection {ConnectionId} without logging each")]
    private partial void Summary(string connectionId, int count);

    private sealed class Tally(long started)
    {
        public long Started { get; set; } = started;

        public int Logged { get; set; }

        public int Suppressed { get; set; }
    }
}
