namespace Chat.Server.Events;

/// <summary>Fan-out of committed changes to whoever holds a live connection for a channel.</summary>
public interface IEventBus
{
    Task PublishAsync(string channel, ChatEvent chatEvent, CancellationToken ct);

    /// <summary>Calls <paramref name="handler"/> for every event on the channel until the result is disposed.</summary>
    IDisposable Subscribe(string channel, Func<ChatEvent, Task> handler);
}
