using System.Diagnostics;

namespace Chat.Server.Observability;

/// <summary>
/// Spans for a message's path: the hub call (ASP.NET Core's own SignalR span) → post →
/// commit → publish → delivery to each listener, on this node or, through the trace context
/// carried in the Redis envelope, on another. Nothing is recorded unless a listener (the OTLP
/// exporter) is attached. Message text never goes on a span.
/// </summary>
public static class ChatTracing
{
    public const string SourceName = "Chat";

    public static readonly ActivitySource Source = new(SourceName);

    public static Activity? Post(string conversationId, string sender) =>
        Source.StartActivity("chat.message.post")?.SetTag("chat.conversation.id", conversationId).SetTag("chat.sender", sender);

    /// <summary>One group commit: a child of the first sender's trace, linked to the others'.</summary>
    /// <param name="trace">Each sender's trace; read only when someone listens, so an untraced commit costs nothing.</param>
    public static Activity? Commit<T>(IReadOnlyList<T> batch, Func<T, ActivityContext> trace) =>
        Source.HasListeners()
            ? Source.StartActivity("chat.message.commit", ActivityKind.Internal, trace(batch[0]),
                links: [.. batch.Skip(1).Select(trace).Where(o => o != default).Select(o => new ActivityLink(o))])?.SetTag("chat.batch.size", batch.Count)
            : null;

    /// <summary>The time an event waited in one listener's queue, continuing the trace that published it.</summary>
    public static Activity? Dequeue(ActivityContext published) =>
        published == default ? null : Source.StartActivity("chat.event.dequeue", ActivityKind.Internal, published);

    public static Activity? Publish(string conversationId) =>
        Source.StartActivity("chat.message.publish")?.SetTag("chat.conversation.id", conversationId);

    /// <param name="audience">Who the message is delivered to: visitor or agent.</param>
    public static Activity? Deliver(string conversationId, string audience) =>
        Source.StartActivity("chat.message.deliver")?.SetTag("chat.conversation.id", conversationId).SetTag("chat.audience", audience);

    /// <summary>An event from another node, continuing the trace that node started (when it sent one).</summary>
    public static Activity? Receive(string channel, string? traceParent) =>
        Source.StartActivity("chat.event.receive", ActivityKind.Consumer,
            ActivityContext.TryParse(traceParent, null, out var parent) ? parent : default)?.SetTag("chat.channel", channel);
}
