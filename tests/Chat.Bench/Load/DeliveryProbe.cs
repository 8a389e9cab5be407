using Chat.Bench.Measure;

namespace Chat.Bench.Load;

/// <summary>Times every message that reaches the other end of its conversation, by direction, from the moment it was due to be sent.</summary>
public sealed class DeliveryProbe
{
    private long _measureFrom = long.MaxValue;

    public Latencies ToAgent { get; } = new();

    public Latencies ToVisitor { get; } = new();

    public long Delivered => ToAgent.Count + ToVisitor.Count;

    /// <summary>Messages due before this Stopwatch timestamp are warm-up and not counted.</summary>
    public void MeasureFrom(long timestamp) => Volatile.Write(ref _measureFrom, timestamp);

    public void OnDelivery(string receiverRole, string text)
    {
        if (!MessageStamp.TryRead(text, out var due) || due < Volatile.Read(ref _measureFrom))
        {
            return;
        }

        (receiverRole == Roles.Agent ? ToAgent : ToVisitor).Add(MessageStamp.MillisecondsSince(due));
    }
}
