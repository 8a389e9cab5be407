using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Chat.Tests.Infrastructure;

/// <summary>
/// A small SignalR client that writes the JSON hub protocol's frames itself over a raw WebSocket.
/// Records end with 0x1E; type 1 is an invocation, 3 a completion, 6 a ping, 7 a close.
/// Tests talk to the hubs through <see cref="HubSession"/>, the real client; this one is kept for:
/// <list type="bullet">
/// <item>hostile-input tests that must send what no real client sends (a frame that is not JSON);</item>
/// <item>the benchmark's load generator, where the client shares the machine with the server it
/// measures. Holding 2,000 idle visitor connections (two runs each, 20 s hold, on the 2-core
/// bench machine), this client took per connection 29 KB of managed heap, 37 KB of working set
/// and 0.9-1.5 ms of CPU to connect, and 0.02 cores for all of them while idle; the real client
/// took 47 KB, 57 KB and 2.1-2.3 ms, and 0.12-0.14 cores idle (each of its connections has a
/// timer ticking every second), which at the bench's 15,000 connections would be about one of
/// the two cores.</item>
/// </list>
/// </summary>
public sealed class RawHubClient : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly byte[] PingRecord = Encoding.UTF8.GetBytes("{\"type\":6}" + RecordSeparator);

    private readonly ClientWebSocket _socket;
    private readonly RawHubClientOptions _options;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    // One buffer per connection, reused for every read: the benchmarks hold thousands of idle connections.
    private readonly byte[] _chunk = new byte[4 * 1024];
    private readonly char[] _chars = new char[Encoding.UTF8.GetMaxCharCount(4 * 1024)];
    private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();
    private readonly StringBuilder _buffer = new();
    private Task _receiveLoop = Task.CompletedTask;
    private TaskCompletionSource _reading = Completed();
    private Task _keepAlive = Task.CompletedTask;
    private long _lastSendTicks;
    private int _nextId;
    private int _disposed;

    private RawHubClient(ClientWebSocket socket, RawHubClientOptions options)
    {
        _socket = socket;
        _options = options;
    }

    /// <summary>Why the server closed the connection, when it sent a close record.</summary>
    public string? CloseError { get; private set; }

    public bool IsOpen => _socket.State == WebSocketState.Open && !_receiveLoop.IsCompleted;

    /// <summary>Connects to <paramref name="url"/>; an http(s) address is taken as the real client takes it, as ws(s).</summary>
    public static async Task<RawHubClient> ConnectAsync(Uri url, RawHubClientOptions options, CancellationToken ct)
    {
        url = WebSocketAddress(url);
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (options.Origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", options.Origin);
        }

        if (options.Cookie is not null)
        {
            socket.Options.SetRequestHeader("Cookie", options.Cookie);
        }

        try
        {
            if (options.Invoker is not null)
            {
                await socket.ConnectAsync(url, options.Invoker, ct);
            }
            else
            {
                await socket.ConnectAsync(url, ct);
            }
        }
        catch (WebSocketException e)
        {
            var status = socket.HttpStatusCode;
            socket.Dispose();
            throw new HubRefusedException(status, e);
        }

        var client = new RawHubClient(socket, options);
        try
        {
            await client.SendRawAsync("{\"protocol\":\"json\",\"version\":1}" + RecordSeparator, ct);
            var handshake = await client.ReadRecordsAsync(ct);
            using var doc = JsonDocument.Parse(handshake[0]);
            if (doc.RootElement.TryGetProperty("error", out var error))
            {
                throw new InvalidOperationException($"Handshake refused: {error}");
            }
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        client._receiveLoop = Task.Run(client.ReceiveLoopAsync, CancellationToken.None);
        if (options.KeepAliveInterval is { } interval)
        {
            client._keepAlive = Task.Run(() => client.KeepAliveAsync(interval), CancellationToken.None);
        }

        return client;
    }

    /// <summary>
    /// Stops taking anything off the socket (after the frame being read), as a frozen tab
    /// would, so the server's writes back up; pings still go out. No real client can do this.
    /// </summary>
    public void StopReading() => Volatile.Write(ref _reading, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public void ResumeReading() => Volatile.Read(ref _reading).TrySetResult();

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }

    private static Uri WebSocketAddress(Uri url) => url.Scheme switch
    {
        "http" => new UriBuilder(url) { Scheme = "ws" }.Uri,
        "https" => new UriBuilder(url) { Scheme = "wss" }.Uri,
        _ => url,
    };

    /// <summary>Calls a hub method and waits for its completion until <paramref name="ct"/> gives up; a refusal throws <see cref="HubCallException"/>.</summary>
    public async Task<JsonElement> CallAsync(string method, CancellationToken ct, params object?[] args)
    {
        var id = Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
        var completion = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = completion;
        try
        {
            var record = JsonSerializer.Serialize(new { type = 1, invocationId = id, target = method, arguments = args }, Json);
            await SendRawAsync(record + RecordSeparator, ct);
            return await completion.Task.WaitAsync(ct);
        }
        finally
        {
            _pending.TryRemove(id, out _);
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
            Volatile.Write(ref _lastSendTicks, Environment.TickCount64);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Waits until the server has closed the connection.</summary>
    public Task WaitClosedAsync(TimeSpan timeout) => _receiveLoop.WaitAsync(timeout);

    /// <summary>
    /// The server closes a connection that has said nothing for its client timeout (30 s by
    /// default), so an idle client pings as the browser client does.
    /// </summary>
    private async Task KeepAliveAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                if (Environment.TickCount64 - Volatile.Read(ref _lastSendTicks) >= interval.TotalMilliseconds * 0.9)
                {
                    await SendBytesAsync(PingRecord, _stop.Token);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private async Task ReceiveLoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                await Volatile.Read(ref _reading).Task.WaitAsync(_stop.Token);
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
                var target = root.GetProperty("target").GetString()!;
                var arguments = root.GetProperty("arguments");
                var argument = arguments.GetArrayLength() > 0 ? arguments[0] : default;
                _options.OnEvent?.Invoke(target, argument);
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
            case 6:
                _options.OnPing?.Invoke();
                break;
            case 7:
                CloseError = root.TryGetProperty("error", out var closeError) ? closeError.GetString() : null;
                throw new ConnectionClosedException(CloseError);
        }
    }

    private async Task<List<string>> ReadRecordsAsync(CancellationToken ct)
    {
        while (true)
        {
            var text = _buffer.ToString();
            var end = text.LastIndexOf(RecordSeparator);
            if (end >= 0)
            {
                _buffer.Clear().Append(text.AsSpan(end + 1));
                return [.. text[..end].Split(RecordSeparator)];
            }

            var received = await _socket.ReceiveAsync(_chunk.AsMemory(), ct);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                throw new ConnectionClosedException(CloseError);
            }

            // The decoder keeps a character split across two reads whole.
            var count = _decoder.GetChars(_chunk, 0, received.Count, _chars, 0, flush: false);
            _buffer.Append(_chars, 0, count);
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

        await Task.WhenAny(_keepAlive, Task.Delay(TimeSpan.FromSeconds(2)));
        _socket.Dispose();
        _stop.Dispose();
    }
}

/// <summary>How to open a <see cref="RawHubClient"/>; everything optional.</summary>
public sealed class RawHubClientOptions
{
    /// <summary>The Origin header a browser would send.</summary>
    public string? Origin { get; init; }

    /// <summary>A Cookie header, for hubs that sign in with a cookie.</summary>
    public string? Cookie { get; init; }

    /// <summary>Opens the socket through this invoker, for example one bound to another loopback address.</summary>
    public HttpMessageInvoker? Invoker { get; init; }

    /// <summary>
    /// Called on the receive loop for every server event, with its first argument. The element
    /// is only valid during the call.
    /// </summary>
    public Action<string, JsonElement>? OnEvent { get; init; }

    /// <summary>Called on the receive loop for every ping the server sends.</summary>
    public Action? OnPing { get; init; }

    /// <summary>Ping the server when nothing else was sent for this long; null sends no pings.</summary>
    public TimeSpan? KeepAliveInterval { get; init; }
}

/// <summary>The server refused a hub call; <see cref="Code"/> is its stable code.</summary>
public sealed class HubCallException(string message) : Exception(message)
{
    public string Code { get; } = HubRefusal.Parse(message).Code;
}

public sealed class ConnectionClosedException(string? error) : Exception(error ?? "The connection closed.");
