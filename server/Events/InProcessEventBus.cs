using System.Collections.Immutable;

namespace Chat.Server.Events;

/// <summary>The single-node bus: handlers are called in process, each one isolated from the others' failures.</summary>
public sealed class InProcessEventBus(ILogger<InProcessEventBus> logger) : IEventBus
{
    private readonly Lock _gate = new();
    private ImmutableDictionary<string, ImmutableList<Func<ChatEvent, Task>>> _handlers =
        ImmutableDictionary<string, ImmutableList<Func<ChatEvent, Task>>>.Empty;

    public async Task PublishAsync(string channel, ChatEvent chatEvent, CancellationToken ct)
    {
        if (!_handlers.TryGetValue(channel, out var handlers))
        {
            return;
        }

        foreach (var handler in handlers)
        {
            try
            {
                await handler(chatEvent);
            }
            catch (Exception e)
            {
                // One slow or broken listener must not stop delivery to the others; clients resync.
                logger.LogWarning(e, "A listener on {Channel} failed", channel);
            }
        }
    }

    public IEventSubscription Subscribe(string channel, Func<ChatEvent, Task> handler)
    {
        lock (_gate)
        {
            _handlers = _handlers.SetItem(channel, _handlers.GetValueOrDefault(channel, []).Add(handler));
        }

        return new Subscription(() =>
        {
            lock (_gate)
            {
                var remaining = _handlers.GetValueOrDefault(channel, []).Remove(handler);
                _handlers = remaining.IsEmpty ? _handlers.Remove(channel) : _handlers.SetItem(channel, remaining);
            }
        });
    }

    private sealed class Subscription(Action unsubscribe) : IEventSubscription
    {
        private int _disposed;

        public Task Ready => Task.CompletedTask;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                unsubscribe();
            }
        }
    }
}
