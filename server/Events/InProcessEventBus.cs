using System.Collections.Immutable;

namespace Chat.Server.Events;

/// <summary>
/// The single-node bus: each event is offered to the listeners of its audience's channels, in
/// process. Offering never waits (listeners queue on their own), so publishing is instant.
/// </summary>
public sealed class InProcessEventBus : IEventBus
{
    private readonly Lock _gate = new();
    private ImmutableDictionary<string, ImmutableList<IEventListener>> _listeners =
        ImmutableDictionary<string, ImmutableList<IEventListener>>.Empty.WithComparers(StringComparer.Ordinal);

    public void Publish(ChatEvent chatEvent)
    {
        foreach (var channel in Audience.Of(chatEvent))
        {
            Offer(channel, chatEvent);
        }
    }

    /// <summary>Offers an event to this node's listeners of one channel (events from other nodes arrive here).</summary>
    public void Offer(string channel, ChatEvent chatEvent)
    {
        if (_listeners.TryGetValue(channel, out var listeners))
        {
            foreach (var listener in listeners)
            {
                listener.Offer(chatEvent);
            }
        }
    }

    public IEventSubscription Subscribe(string channel, IEventListener listener)
    {
        lock (_gate)
        {
            _listeners = _listeners.SetItem(channel, _listeners.GetValueOrDefault(channel, []).Add(listener));
        }

        return new Subscription(() =>
        {
            lock (_gate)
            {
                var remaining = _listeners.GetValueOrDefault(channel, []).Remove(listener);
                _listeners = remaining.IsEmpty ? _listeners.Remove(channel) : _listeners.SetItem(channel, remaining);
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
