using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json;
using Chat.Bench.Targets;
using Chat.Tests.Infrastructure;

namespace Chat.Bench.Load;

/// <summary>Someone's arrival: the receiving side's role and the text that arrived.</summary>
public delegate void DeliveryHandler(string receiverRole, string text);

/// <summary>
/// One end of a conversation on one connection: sends with the target's own hub method and
/// payload, reports every message that arrives from the other end, pings the server when it
/// has been quiet, and can drop its connection and open it again as a browser would.
/// </summary>
public sealed class Peer(string role, DeliveryHandler? onDelivery) : IAsyncDisposable
{
    private const string PingRecord = "{\"type\":6}\u001e";

    private RawHubClient? _client;
    private Func<string, string, object>? _payload;
    private Func<CancellationToken, Task<RawHubClient>>? _open;
    private Func<RawHubClient, CancellationToken, Task>? _join;
    private CancellationTokenSource? _keepAlive;
    private long _lastSent;

    public string Role { get; } = role;

    /// <summary>Events other than messages, for setting a connection up (an agent learning its conversation).</summary>
    public Action<string, JsonElement>? OnOtherEvent { get; set; }

    public RawHubClient Client => _client ?? throw new InvalidOperationException("Not connected yet.");

    /// <summary>
    /// Opens the connection with <paramref name="open"/>, then runs <paramref name="join"/> on it
    /// (joining a group, going online); <see cref="ReconnectAsync"/> does both again.
    /// </summary>
    public async Task ConnectAsync(Func<CancellationToken, Task<RawHubClient>> open, Func<RawHubClient, CancellationToken, Task>? join, CancellationToken ct)
    {
        _open = open;
        _join = join;
        await OpenAsync(ct);
    }

    /// <summary>Drops the socket without a goodbye, as a server restart does.</summary>
    public void Drop()
    {
        _keepAlive?.Cancel();
        _client?.Abort();
    }

    /// <summary>Opens a new connection the way the first one was opened, as a browser reconnects.</summary>
    public async Task ReconnectAsync(CancellationToken ct)
    {
        if (_client is { } old)
        {
            Drop();
            await old.DisposeAsync();
        }

        await OpenAsync(ct);
    }

    /// <summary>How this end builds its Send argument from a client id and a text.</summary>
    public void SendWith(Func<string, string, object> payload) => _payload = payload;

    /// <summary>Sends a message and returns once the server acknowledges it.</summary>
    public Task SendAsync(string clientId, string text, CancellationToken ct)
    {
        Volatile.Write(ref _lastSent, Stopwatch.GetTimestamp());
        return Client.CallAsync("Send", ct, (_payload ?? throw new InvalidOperationException("No conversation yet."))(clientId, text));
    }

    /// <summary>
    /// Restarts the keep-alive cycle with its first check after <paramref name="first"/>, then
    /// every <paramref name="interval"/>. A ping goes out only when nothing else was sent for
    /// most of an interval, as the browser client does.
    /// </summary>
    public void KeepAlive(TimeSpan first, TimeSpan interval)
    {
        _keepAlive?.Cancel();
        _keepAlive?.Dispose();
        _keepAlive = new CancellationTokenSource();
        _ = KeepAliveAsync(Client, first, interval, _keepAlive.Token);
    }

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

    private async Task OpenAsync(CancellationToken ct)
    {
        var client = await _open!(ct);
        _client = client;
        Volatile.Write(ref _lastSent, Stopwatch.GetTimestamp());
        // As in a browser, the cycle starts with the connection; a settled run spreads it afterwards.
        KeepAlive(Connections.KeepAlive, Connections.KeepAlive);
        if (_join is not null)
        {
            await _join(client, ct);
        }
    }

    private async Task KeepAliveAsync(RawHubClient client, TimeSpan first, TimeSpan interval, CancellationToken ct)
    {
        try
        {
            await Task.Delay(first, ct);
            using var timer = new PeriodicTimer(interval);
            do
            {
                if (Stopwatch.GetElapsedTime(Volatile.Read(ref _lastSent)) >= interval * 0.9)
                {
                    Volatile.Write(ref _lastSent, Stopwatch.GetTimestamp());
                    await client.SendRawAsync(PingRecord, ct);
                }
            }
            while (await timer.WaitForNextTickAsync(ct));
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException or InvalidOperationException)
        {
            // The connection closed or the cycle was restarted: this loop's work is over.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _keepAlive?.Cancel();
        if (_client is not null)
        {
            // The run is over: drop the socket instead of waiting for thousands of close handshakes.
            _client.Abort();
            await _client.DisposeAsync();
        }

        _keepAlive?.Dispose();
    }
}
