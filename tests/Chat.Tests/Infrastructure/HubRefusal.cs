namespace Chat.Tests.Infrastructure;

/// <summary>
/// A hub call the server refused, read from the error it sent. The server sends "code: sentence"
/// (see docs/protocol.md), and SignalR puts its own words and the exception's type in front,
/// so the code is what follows "HubException: " up to the first colon.
/// </summary>
public sealed record HubRefusal(string Code, string Sentence)
{
    private const string Marker = "HubException: ";

    public static HubRefusal Parse(string error)
    {
        var start = error.IndexOf(Marker, StringComparison.Ordinal);
        var rest = start >= 0 ? error[(start + Marker.Length)..] : error;
        var colon = rest.IndexOf(':');
        return colon > 0 ? new HubRefusal(rest[..colon], rest[(colon + 1)..].Trim()) : new HubRefusal(rest, "");
    }
}
