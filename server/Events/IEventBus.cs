namespace Chat.Server.Events;

/// <summary>Fan-out of committed changes to whoever holds a live connection or console for them.</summary>
public interface IEventBus
{
    /// <summary>
    /// Hands the event to every listener of its <see cref="Audience"/>, on this node and the
    /// others, and returns at once: writers never wait on listeners.
    /// </summary>
    void Publish(ChatEvent chatEvent);

    /// <summary>Offers every event on the channel to <paramref name="listener"/> until the result is disposed.</summary>
    IEventSubscription Subscribe(string channel, IEventListener listener);
}

/// <summary>Something that takes events without ever making the publisher wait.</summary>
public interface IEventListener
{
    /// <summary>Takes the event, or notes that it could not; must not block.</summary>
    void Offer(ChatEvent chatEvent);
}

/// <summary>A listener on a channel.</summary>
public interface IEventSubscription : IDisposable
{
    /// <summary>
    /// Completes once events published anywhere reach this listener (across nodes that means
    /// the Redis subscription is live). Await it before doing what others will answer.
    /// </summary>
    Task Ready { get; }
}
