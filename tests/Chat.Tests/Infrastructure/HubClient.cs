using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace Chat.Tests.Infrastructure;

/// <summary>
/// A small SignalR client speaking the JSON hub protocol over a raw WebSocket (the .NET
/// SignalR client cannot be restored here). Records end with 0x1E; type 1 is an invocation,
/// 3 a completion, 6 a ping, 7 a close.
/// </summary>
public sealed class HubClient : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ClientWebSocket _socket;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly Channel<HubEvent> _events = Channel.CreateUnbounded<HubEvent>();
    private readonly List<HubEvent> _seen = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private Task _receiveLoop = Task.CompletedTask;
    private int _nextId;
    private int _disposed;

    private HubClient(ClientWebSocket socket) => _socket = socket;

    /// <summary>Why the server closed the connection, when it sent a close record.</summary>
    public string? CloseError { get; private set; }

    public bool IsOpen => _socket.State == WebSocketState.Open && !_receiveLoop.IsCompleted;

    public static async Task<HubClient> ConnectAsync(Uri url, string? origin = null, CancellationToken ct = default, string? userAgent = null)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }

        if (userAgent is not null)
        {
            socket.Options.SetRequestHeader("User-Agent", userAgent);
        }

        try
        {
            await socket.ConnectAsync(url, ct);
        }
        catch (WebSocketException e)
        {
            throw new HubRefusedException(socket.HttpStatusCode, e);
        }

        var client = new HubClient(socket);
        await client.SendRawAsync("{\"protocol\":\"json\",\"version\":1}" + RecordSeparator, ct);
        var handshake = await client.ReadRecordsAsync(ct);
        using (var doc = JsonDocument.Parse(handshake[0]))
        {
            if (doc.RootElement.TryGetProperty("error", out var error))
            {
                throw new InvalidOperationException($"Handshake refused: {error}");
            }
        }

        client._receiveLoop = Task.Run(client.ReceiveLoopAsync);
        return client;
    }

    /// <summary>Calls a hub method and returns its result, or throws <see cref="HubCallException"/> with the server's error.</summary>
    public async Task<JsonElement> InvokeAsync(string method, params object?[] args)
    {
        var id = Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var completion = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = completion;
        var record = JsonSerializer.Serialize(new { type = 1, invocationId = id, target = method, arguments = args }, Json);
        await SendRawAsync(record + RecordSeparator, CancellationToken.None);
        return await completion.Task.WaitAsync(TimeSpan.FromSeconds(20));
    }

    public async Task<T> InvokeAsync<T>(string method, params object?[] args) =>
        (await InvokeAsync(method, args)).Deserialize<T>(Json)!;

    /// <summary>Waits for the next server event named <paramref name="target"/> that matches, including ones already received.</summary>
    public async Task<JsonElement> WaitForEventAsync(string target, Func<JsonElement, bool>? match = null, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        lock (_seen)
        {
            var earlier = _seen.FirstOrDefault(e => e.Target == target && (match?.Invoke(e.Argument) ?? true));
            if (earlier is not null)
            {
                _seen.Remove(earlier);
                return earlier.Argument;
            }
        }

        try
        {
            while (true)
            {
                var next = await _events.Reader.ReadAsync(cts.Token);
                if (next.Target == target && (match?.Invoke(next.Argument) ?? true))
                {
                    lock (_seen)
                    {
                        _seen.Remove(next);
                    }

                    return next.Argument;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No '{target}' event arrived in time.");
        }
    }

    /// <summary>Every event received so far with this name, without waiting.</summary>
    public IReadOnlyList<JsonElement> Received(string target)
    {
        lock (_seen)
        {
            return [.. _seen.Where(e => e.Target == target).Select(e => e.Argument)];
        }
    }

    /// <summary>Sends raw text as one WebSocket message, for hostile-input tests.</summary>
    public Task SendRawAsync(string text, CancellationToken ct) => SendBytesAsync(Encoding.UTF8.GetBytes(text), ct);

    private async Task SendBytesAsync(byte[] bytes, CancellationToken ct)
    {
        await _sendLock.WaitAsync(ct);
        try
        {
            await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, ct);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Waits until the server has closed the connection.</summary>
    public Task WaitClosedAsync(TimeSpan timeout) => _receiveLoop.WaitAsync(timeout);

    private async Task ReceiveLoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                foreach (var record in await ReadRecordsAsync(_stop.Token))
                {
                    Dispatch(record);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ConnectionClosedException)
        {
        }
        finally
        {
            foreach (var pending in _pending.Values)
            {
                pending.TrySetException(new ConnectionClosedException(CloseError));
            }
        }
    }

    private void Dispatch(string record)
    {
        using var doc = JsonDocument.Parse(record);
        var root = doc.RootElement;
        switch (root.GetProperty("type").GetInt32())
        {
            case 1:
                var hubEvent = new HubEvent(root.GetProperty("target").GetString()!, root.GetProperty("arguments")[0].Clone());
                lock (_seen)
                {
                    _seen.Add(hubEvent);
                }

                _events.Writer.TryWrite(hubEvent);
                break;
            case 3:
                if (_pending.TryRemove(root.GetProperty("invocationId").GetString()!, out var completion))
                {
                    if (root.TryGetProperty("error", out var error))
                    {
                        completion.TrySetException(new HubCallException(error.GetString()!));
                    }
                    else
                    {
                        completion.TrySetResult(root.TryGetProperty("result", out var result) ? result.Clone() : default);
                    }
                }

                break;
            case 7:
                CloseError = root.TryGetProperty("error", out var closeError) ? closeError.GetString() : null;
                throw new ConnectionClosedException(CloseError);
        }
    }

    private readonly StringBuilder _buffer = new();

    private async Task<List<string>> ReadRecordsAsync(CancellationToken ct)
    {
        var chunk = new byte[16 * 1024];
        while (true)
        {
            var text = _buffer.ToString();
            var end = text.LastIndexOf(RecordSeparator);
            if (end >= 0)
            {
                _buffer.Clear().Append(text.AsSpan(end + 1));
                return [.. text[..end].Split(RecordSeparator)];
            }

            var received = await _socket.ReceiveAsync(chunk, ct);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                throw new ConnectionClosedException(CloseError);
            }

            _buffer.Append(Encoding.UTF8.GetString(chunk, 0, received.Count));
        }
    }

    /// <summary>Drops the socket without a goodbye, as a lost network would.</summary>
    public void Abort() => _socket.Abort();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync();
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(2));
            }
            catch (Exception e) when (e is WebSocketException or TimeoutException or OperationCanceledException)
            {
            }
        }

        _socket.Dispose();
        _stop.Dispose();
    }

    private sealed record HubEvent(string Target, JsonElement Argument);
}

/// <summary>The server refused a hub call; <see cref="Code"/> is the stable code before the colon.</summary>
public sealed class HubCallException(string message) : Exception(message)
{
    public string Code { get; } = ParseCode(message);

    private static string ParseCode(string message)
    {
        var start = message.IndexOf("HubException: ", StringComparison.Ordinal);
        var rest = start >= 0 ? message[(start + "HubException: ".Length)..] : message;
        var colon = rest.IndexOf(':');
        return colon > 0 ? rest[..colon] : rest;
    }
}

/// <summary>The server refused the connection before the WebSocket upgrade.</summary>
public sealed class HubRefusedException(HttpStatusCode status, Exception inner) : Exception($"Connection refused with {(int)status}", inner)
{
    public HttpStatusCode Status { get; } = status;
}

public sealed class ConnectionClosedException(string? error) : Exception(error ?? "The connection closed.");
