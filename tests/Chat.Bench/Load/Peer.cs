using System.Text.Json;
using Chat.Tests.Infrastructure;

namespace Chat.Bench.Load;

/// <summary>Someone's arrival: the receiving side's role and the text that arrived.</summary>
public delegate void DeliveryHandler(string receiverRole, string text);

/// <summary>
/// One end of a conversation on one connection: sends with the target's own hub method and
/// payload, and reports every message that arrives from the other end.
/// </summary>
public sealed class Peer(string role, DeliveryHandler? onDelivery) : IAsyncDisposable
{
    private RawHubClient? _client;
    private Func<string, string, object>? _payload;

    public string Role { get; } = role;

    /// <summary>Events other than messages, for setting a connection up (an agent learning its conversation).</summary>
    public Action<string, JsonElement>? OnOtherEvent { get; set; }

    public RawHubClient Client => _client ?? throw new InvalidOperationException("Not connected yet.");

    public void Attach(RawHubClient client) => _client = client;

    /// <summary>How this end builds its Send argument from a client id and a text.</summary>
    public void SendWith(Func<string, string, object> payload) => _payload = payload;

    /// <summary>Sends a message and returns once the server acknowledges it.</summary>
    public Task SendAsync(string clientId, string text, CancellationToken ct) =>
        Client.CallAsync("Send", ct, (_payload ?? throw new InvalidOperationException("No conversation yet."))(clientId, text));

    /// <summary>Called on the connection's receive loop for every event.</summary>
    public void OnEvent(string target, JsonElement argument)
    {
        if (target != "message")
        {
            OnOtherEvent?.Invoke(target, argument);
            return;
        }

        // Both ends get every message, their own included, as the real clients do; only the other end's count.
        if (onDelivery is not null && argument.GetProperty("sender").GetString() != Role)
        {
            onDelivery(Role, argument.GetProperty("text").GetString() ?? "");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            // The run is over: drop the socket instead of waiting for thousands of close handshakes.
            _client.Abort();
            await _client.DisposeAsync();
        }
    }
}
