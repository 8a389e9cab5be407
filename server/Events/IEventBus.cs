namespace Chat.Server.Events;

/// <summary>Fan-out of committed changes to whoever holds a live connection for a channel.</summary>
public interface IEventBus
{
    Task PublishAsync(string channel, ChatEvent chatEvent, CancellationToken ct);

    /// <summary>Calls <paramref name="handler"/> for every event on the channel until the result is disposed.</summary>
    IEventSubscription Subscribe(string channel, Func<ChatEvent, Task> handler);
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
