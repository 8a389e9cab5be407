using System.Text.Json;
using System.Text.Json.Serialization;

namespace Chat.Server.Events;

/// <summary>
/// An event on its way between nodes; the sender's node id lets it skip its own echo, and the
/// trace context (W3C traceparent, when tracing is on) continues the publisher's trace there.
/// </summary>
public sealed record BusEnvelope(string Node, ChatEvent Event, string? TraceParent = null);

[JsonSerializable(typeof(BusEnvelope))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class BusJsonContext : JsonSerializerContext;
