using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.Tests.Infrastructure;

/// <summary>
/// One connection of the real .NET SignalR client (<see cref="HubConnectionBuilder"/>) to a hub,
/// opened as the widget opens it: straight to WebSockets without negotiating. The server's
/// events are kept so a test can wait for one; refusals arrive as the client's
/// <see cref="Microsoft.AspNetCore.SignalR.HubException"/> (read the code with <see cref="HubRefusal"/>).
/// </summary>
public sealed class HubSession : IAsyncDisposable
{
    /// <summary>Every event either hub sends (docs/protocol.md), each with one argument.</summary>
    private static readonly string[] EventNames =
        ["message", "typing", "conversation", "seen", "chatAssigned", "chatClosed", "chatRated", "queueChanged"];

    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(20);

    private readonly HubConnection _connection;
    private readonly EventInbox<HubEvent> _events = new("the client");
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebSocket? _socket;

    private HubSession(Uri url, HubSessionOptions options)
    {
        _connection = new HubConnectionBuilder()
            .WithUrl(url, HttpTransportType.WebSockets, o =>
            {
                o.SkipNegotiation = true;
                o.WebSocketFactory = (context, ct) => OpenSocketAsync(context.Uri, options, ct);
            })
            .Build();
        foreach (var name in EventNames)
        {
            _connection.On(name, [typeof(JsonElement)], arguments =>
            {
                var argument = (JsonElement)arguments[0]!;
                options.OnEvent?.Invoke(name, argument);
                if (options.KeepEvents)
                {
                    _events.Add(new HubEvent(name, argument));
                }

                return Task.CompletedTask;
            });
        }

        _connection.Closed += _ =>
        {
            _closed.TrySetResult();
            return Task.CompletedTask;
        };
    }

    public bool IsOpen => _connection.State == HubConnectionState.Connected;

    /// <summary>Connects to <paramref name="url"/> (http or https; the client switches to ws itself).</summary>
    public static async Task<HubSession> ConnectAsync(Uri url, HubSessionOptions options, CancellationToken ct = default)
    {
        var session = new HubSession(url, options);
        try
        {
            await session._connection.StartAsync(ct);
        }
        catch
        {
            await session._connection.DisposeAsync();
            throw;
        }

        return session;
    }

    /// <summary>Calls a hub method and returns its result (default for a method that returns none).</summary>
    public async Task<JsonElement> InvokeAsync(string method, object? argument = null, CancellationToken ct = default)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(CallTimeout);
        object?[] arguments = argument is null ? [] : [argument];
        try
        {
            return await _connection.InvokeCoreAsync(method, typeof(JsonElement), arguments, limit.Token) is JsonElement result ? result : default;
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw new TimeoutException($"'{method}' got no answer in time.");
        }
    }

    /// <summary>Calls a hub method with exactly these arguments, nulls and all: for calls no well-behaved client makes.</summary>
    public async Task<JsonElement> InvokeArgumentsAsync(string method, object?[] arguments, CancellationToken ct = default)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(CallTimeout);
        return await _connection.InvokeCoreAsync(method, typeof(JsonElement), arguments, limit.Token) is JsonElement result ? result : default;
    }

    /// <summary>Takes the next event named <paramref name="target"/> that matches, including ones already received.</summary>
    public async Task<JsonElement> WaitForEventAsync(string target, Func<JsonElement, bool>? match = null, TimeSpan? timeout = null, CancellationToken ct = default) =>
        (await _events.TakeAsync(e => e.Target == target && (match?.Invoke(e.Argument) ?? true), $"'{target}' event", timeout, ct)).Argument;

    /// <summary>Every event with this name received and not yet taken, without waiting.</summary>
    public IReadOnlyList<JsonElement> Received(string target) => [.. _events.Kept(e => e.Target == target).Select(e => e.Argument)];

    /// <summary>Waits until the connection has closed, from either side.</summary>
    public Task WaitClosedAsync(TimeSpan timeout) => _closed.Task.WaitAsync(timeout);

    /// <summary>Drops the socket without a goodbye, as a lost network would.</summary>
    public void Abort() => _socket?.Abort();

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    /// <summary>
    /// Opens the socket here rather than in the client, to send the headers a browser sends, to
    /// learn the HTTP status of a refused upgrade, and to keep the socket so a test can drop it.
    /// </summary>
    private async ValueTask<WebSocket> OpenSocketAsync(Uri url, HubSessionOptions options, CancellationToken ct)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        foreach (var (name, value) in options.Headers())
        {
            socket.Options.SetRequestHeader(name, value);
        }

        try
        {
            await socket.ConnectAsync(url, ct);
        }
        catch (WebSocketException e) when (socket.HttpStatusCode != 0)
        {
            var status = socket.HttpStatusCode;
            socket.Dispose();
            throw new HubRefusedException(status, e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        socket.HttpResponseHeaders = null;
        _socket = socket;
        return socket;
    }

    private sealed record HubEvent(string Target, JsonElement Argument);
}

/// <summary>How to open a <see cref="HubSession"/>; everything optional.</summary>
public sealed class HubSessionOptions
{
    /// <summary>The Origin header a browser would send.</summary>
    public string? Origin { get; init; }

    /// <summary>The User-Agent header a browser would send.</summary>
    public string? UserAgent { get; init; }

    /// <summary>A Cookie header, for the agents' hub, which signs in with the console's cookie.</summary>
    public string? Cookie { get; init; }

    /// <summary>Called for every server event with its argument, before it is kept.</summary>
    public Action<string, JsonElement>? OnEvent { get; init; }

    /// <summary>Keep received events for <see cref="HubSession.WaitForEventAsync"/>; off for clients that only use <see cref="OnEvent"/>.</summary>
    public bool KeepEvents { get; init; } = true;

    internal IEnumerable<(string Name, string Value)> Headers()
    {
        if (Origin is not null)
        {
            yield return ("Origin", Origin);
        }

        if (UserAgent is not null)
        {
            yield return ("User-Agent", UserAgent);
        }

        if (Cookie is not null)
        {
            yield return ("Cookie", Cookie);
        }
    }
}
