using System.Net.WebSockets;
using Chat.Tests.Infrastructure;

namespace Chat.Bench.Load;

/// <summary>Counts sends that got no acknowledgement, and keeps the first reason to show.</summary>
public sealed class SendFailures
{
    private long _count;
    private string? _first;

    public long Count => Interlocked.Read(ref _count);

    public string? First => Volatile.Read(ref _first);

    public static bool IsSendFailure(Exception e) =>
        e is HubCallException or ConnectionClosedException or WebSocketException or OperationCanceledException or InvalidOperationException or IOException;

    public void Add(Exception e)
    {
        Interlocked.Increment(ref _count);
        Interlocked.CompareExchange(ref _first, $"{e.GetType().Name}: {e.Message}", null);
    }
}
