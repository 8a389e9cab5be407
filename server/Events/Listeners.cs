using Microsoft.Extensions.Options;

namespace Chat.Server.Events;

/// <summary>Makes each listener's own queue, with the configured room.</summary>
public sealed class Listeners(IOptions<ChatOptions> options, ILogger<ListenerQueue> logger)
{
    /// <inheritdoc cref="ListenerQueue(string, Func{ChatEvent, CancellationToken, Task}, Func{CancellationToken, Task}, ILogger, int)"/>
    public ListenerQueue Queue(string name, Func<ChatEvent, CancellationToken, Task> deliver, Func<CancellationToken, Task> resync) =>
        new(name, deliver, resync, logger, options.Value.Delivery.ListenerQueueCapacity);
}
