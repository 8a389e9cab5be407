using System.Net.WebSockets;
using System.Text.Json;
using Chat.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;

namespace Chat.Tests.Cluster.Storm;

/// <summary>
/// One side of the storm on the real SignalR client, with a socket that can be dropped at any
/// moment. Calls that fail because the socket went away reconnect (to a node picked at random)
/// and retry with the same client id, as the widget and console do; each reconnect resyncs.
/// </summary>
public abstract class StormClient(IReadOnlyList<Uri> nodes, Random random)
{
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private HubSession? _client;

    public int Drops { get; private set; }

    protected IReadOnlyList<Uri> Nodes => nodes;

    /// <summary>Drops the socket without a goodbye, as a lost network would.</summary>
    public void Drop()
    {
        var client = _client;
        if (client is { IsOpen: true })
        {
            Drops++;
            client.Abort();
        }
    }

    /// <summary>Calls the hub, reconnecting and retrying until it answers or <paramref name="ct"/> ends.</summary>
    protected async Task<JsonElement> CallAsync(string method, CancellationToken ct, object? argument = null)
    {
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var client = await ConnectedAsync(ct);
            try
            {
                return await client.InvokeAsync(method, argument, ct);
            }
            catch (Exception e) when (IsConnectionLoss(e))
            {
                await ReconnectAsync(client, ct);
            }
        }
    }

    /// <summary>Makes sure a live connection exists; the first call and every reconnect end with a resync.</summary>
    public async Task<HubSession> ConnectedAsync(CancellationToken ct)
    {
        var client = _client;
        return client is { IsOpen: true } ? client : await ReconnectAsync(client, ct);
    }

    private async Task<HubSession> ReconnectAsync(HubSession? broken, CancellationToken ct)
    {
        await _connecting.WaitAsync(ct);
        try
        {
            if (_client is { IsOpen: true } current && !ReferenceEquals(current, broken))
            {
                return current;
            }

            if (_client is not null)
            {
                await _client.DisposeAsync();
            }

            while (true)
            {
                ct.ThrowIfCancellationRequested();
                try
                {
                    var node = nodes[random.Next(nodes.Count)];
                    _client = await OpenAsync(node, OnEvent, ct);
                    await AfterConnectAsync(_client, ct);
                    return _client;
                }
                catch (Exception e) when (IsConnectionLoss(e) || e is HubRefusedException)
                {
                    // Dropped again while reconnecting: try the next node.
                }
            }
        }
        finally
        {
            _connecting.Release();
        }
    }

    protected abstract Task<HubSession> OpenAsync(Uri node, Action<string, JsonElement> onEvent, CancellationToken ct);

    /// <summary>Presence, resync: what a client does right after connecting.</summary>
    protected abstract Task AfterConnectAsync(HubSession client, CancellationToken ct);

    protected abstract void OnEvent(string target, JsonElement argument);

    /// <summary>Runs a resync away from the receive loop, which must stay free to deliver the answer.</summary>
    protected void ResyncSoon(Func<CancellationToken, Task> resync) =>
        _ = Task.Run(async () =>
        {
            try
            {
                await resync(CancellationToken.None);
            }
            catch (Exception e) when (IsConnectionLoss(e))
            {
                // The reconnect that follows resyncs anyway.
            }
        });

    /// <summary>
    /// What the real client throws when the socket is gone: a call on a closed connection
    /// (InvalidOperationException), a call cut off by the close (canceled), or a failed connect;
    /// and "unavailable" from a node that lost its database or Redis for a moment.
    /// </summary>
    public static bool IsConnectionLoss(Exception e) =>
        e is InvalidOperationException or OperationCanceledException or TimeoutException or ObjectDisposedException
            or WebSocketException or IOException or HttpRequestException
        || (e is HubException refused && HubRefusal.Parse(refused.Message).Code == "unavailable");

    public async Task CloseAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }
    }
}
