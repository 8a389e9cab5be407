using System.Text.Json;
using System.Text.Json.Serialization;

namespace Chat.Server.Events;

/// <summary>An event on its way between nodes; the sender's node id lets it skip its own echo.</summary>
public sealed record BusEnvelope(string Node, ChatEvent Event);

[JsonSerializable(typeof(BusEnvelope))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class BusJsonContext : JsonSerializerContext;
