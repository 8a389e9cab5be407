using System.Diagnostics.Metrics;

namespace Chat.Server.Observability;

/// <summary>
/// The <c>Chat</c> meter: what an operator watches. Made through the host's meter factory, so
/// each server in one process (tests run several) counts only its own. Cheap when nobody
/// listens: with metrics and OTLP off, no listener is attached and recording does nothing.
/// </summary>
public sealed class ChatMetrics
{
    public const string MeterName = "Chat";

    private readonly Counter<long> _stored;
    private readonly Histogram<int> _commitSize;
    private readonly Histogram<double> _ackDuration;
    private readonly Histogram<double> _firstReply;
    private readonly UpDownCounter<long> _visitorConnections;
    private readonly UpDownCounter<long> _consoleCircuits;
    private readonly Counter<long> _refusals;
    private readonly Counter<long> _dependencyFailures;

    public ChatMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _stored = meter.CreateCounter<long>("chat.messages.stored", "{message}", "Messages committed to the database, by sender (visitor, agent, system).");
        _commitSize = meter.CreateHistogram("chat.commit.messages", "{message}", "Messages stored by one database commit.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512] });
        _ackDuration = meter.CreateHistogram("chat.message.ack.duration", "s", "From a send reaching the server to its acknowledgement, by sender.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        _firstReply = meter.CreateHistogram("chat.first_reply.duration", "s", "From a conversation's start to its first agent reply.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [5, 15, 30, 60, 120, 300, 600, 1800, 3600] });
        _visitorConnections = meter.CreateUpDownCounter<long>("chat.visitor.connections", "{connection}", "Open visitor hub connections on this node.");
        _consoleCircuits = meter.CreateUpDownCounter<long>("chat.console.circuits", "{circuit}", "Open agent console circuits on this node.");
        _refusals = meter.CreateCounter<long>("chat.refusals", "{refusal}", "Requests refused with a stable code, by code.");
        _dependencyFailures = meter.CreateCounter<long>("chat.dependency.failures", "{failure}",
            "Failed database or Redis calls, each attempt counted (retries included), by dependency and error type.");
    }

    /// <summary>One commit stored these messages; <paramref name="senders"/> has each one's sender kind.</summary>
    public void Committed(ReadOnlySpan<string> senders)
    {
        _commitSize.Record(senders.Length);
        foreach (var sender in senders)
        {
            _stored.Add(1, new KeyValuePair<string, object?>("chat.sender", sender));
        }
    }

    public void Acknowledged(string sender, TimeSpan elapsed) =>
        _ackDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("chat.sender", sender));

    public void FirstReply(TimeSpan sinceStart) => _firstReply.Record(Math.Max(0, sinceStart.TotalSeconds));

    public void VisitorConnected() => _visitorConnections.Add(1);

    public void VisitorDisconnected() => _visitorConnections.Add(-1);

    public void CircuitOpened() => _consoleCircuits.Add(1);

    public void CircuitClosed() => _consoleCircuits.Add(-1);

    public void Refused(string code) => _refusals.Add(1, new KeyValuePair<string, object?>("chat.code", code));

    public void DependencyFailed(string dependency, Exception e) =>
        _dependencyFailures.Add(1, new KeyValuePair<string, object?>("chat.dependency", dependency), new KeyValuePair<string, object?>("error.type", e.GetType().Name));
}

/// <summary>The outside dependencies whose failures are counted.</summary>
public static class Dependencies
{
    public const string Database = "database";
    public const string Redis = "redis";
}
