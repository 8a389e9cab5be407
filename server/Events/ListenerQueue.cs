using System.Diagnostics;
using System.Threading.Channels;
using Chat.Server.Observability;

namespace Chat.Server.Events;

/// <summary>
/// One listener's own bounded queue, drained by its own loop: a visitor's connection, an agent
/// hub connection or a console circuit. Publishers only offer and move on, so a slow or dead
/// listener fills nothing but this queue. When it is full, further events are dropped and the
/// listener is told to resync once it catches up; it then reads what it missed from the
/// database, which is the source of truth.
/// </summary>
public sealed partial class ListenerQueue : IEventListener, IDisposable
{
    private readonly Channel<Queued> _queue;
    private readonly Func<ChatEvent, CancellationToken, Task> _deliver;
    private readonly Func<CancellationToken, Task> _resync;
    private readonly string _name;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private int _overflowed;
    private long _dropped;

    /// <param name="name">Who listens, for the log.</param>
    /// <param name="deliver">Hands one event on; may be slow, it only holds up this listener.</param>
    /// <param name="resync">Tells the listener that events were dropped and it must read what it missed.</param>
    public ListenerQueue(string name, Func<ChatEvent, CancellationToken, Task> deliver, Func<CancellationToken, Task> resync, ILogger logger, int capacity)
    {
        _name = name;
        _deliver = deliver;
        _resync = resync;
        _logger = logger;
        _queue = Channel.CreateBounded<Queued>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        // The loop outlives whatever call created it: it must not carry that call's context
        // (its trace) into every delivery; each event brings its own.
        using (ExecutionContext.SuppressFlow())
        {
            _ = Task.Run(DrainAsync);
        }
    }

    /// <summary>Events dropped because the queue was full, since it started.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public void Offer(ChatEvent chatEvent)
    {
        // The publisher's trace goes along, so the delivery joins it; nothing is captured when nobody traces.
        if (_queue.Writer.TryWrite(new Queued(chatEvent, Activity.Current?.Context ?? default)))
        {
            return;
        }

        Interlocked.Increment(ref _dropped);
        if (Interlocked.Exchange(ref _overflowed, 1) == 0)
        {
            LogOverflow(_logger, _name);
        }
    }

    private async Task DrainAsync()
    {
        var reader = _queue.Reader;
        var stop = _stop.Token;
        try
        {
            while (await reader.WaitToReadAsync(stop))
            {
                while (reader.TryRead(out var queued))
                {
                    using var span = ChatTracing.Dequeue(queued.Trace);
                    await DeliverAsync(queued.Event, stop);
                }

                // The queue was full and events were dropped: everything dropped is committed by
                // now, so one resync after the backlog brings the listener up to date.
                if (Interlocked.Exchange(ref _overflowed, 0) == 1)
                {
                    await DeliverAsync(null, stop);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>Hands on one event, or the resync when <paramref name="chatEvent"/> is null.</summary>
    private async Task DeliverAsync(ChatEvent? chatEvent, CancellationToken stop)
    {
        try
        {
            await (chatEvent is null ? _resync(stop) : _deliver(chatEvent, stop));
        }
        catch (Exception e) when (!stop.IsCancellationRequested)
        {
            // A listener that cannot take one event still gets the next; a gap makes it resync.
            LogDeliveryFailed(_logger, e, _name);
        }
    }

    /// <summary>Stops at once; a delivery under way is cancelled, never awaited (its listener may be gone).</summary>
    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _stop.Cancel();
    }

    private readonly record struct Queued(ChatEvent Event, ActivityContext Trace);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "The event queue of {Listener} is full; it will resync")]
    private static partial void LogOverflow(ILogger logger, string listener);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Debug, Message = "Delivering an event to {Listener} failed")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception e, string listener);
}
