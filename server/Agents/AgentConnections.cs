using System.Collections.Concurrent;
using Chat.AgentConsole.Port;
using Microsoft.AspNetCore.SignalR;

namespace Chat.Server.Agents;

/// <summary>
/// Listens to an agent's events through the console's port for as long as their hub
/// connection is open, and forwards each event to that connection.
/// </summary>
public sealed class AgentConnections(IServiceScopeFactory scopes, IHubContext<AgentHub> hub, ILogger<AgentConnections> logger)
{
    private readonly ConcurrentDictionary<string, Listener> _listeners = new(StringComparer.Ordinal);

    public void Attach(string connectionId, string agentId)
    {
        // A hub instance lives for one call, a connection much longer: the connection gets a
        // scope of its own, as a console circuit does, and keeps it until it closes.
        var scope = scopes.CreateAsyncScope();
        var port = scope.ServiceProvider.GetRequiredService<IConsolePort>();
        var subscription = port.Subscribe(agentId, e => DeliverAsync(connectionId, e));
        _listeners[connectionId] = new Listener(scope, subscription);
    }

    public async Task DetachAsync(string connectionId)
    {
        if (_listeners.TryRemove(connectionId, out var listener))
        {
            listener.Subscription.Dispose();
            await listener.Scope.DisposeAsync();
        }
    }

    private Task DeliverAsync(string connectionId, ConsoleEvent consoleEvent)
    {
        var client = hub.Clients.Client(connectionId);
        return consoleEvent switch
        {
            MessagePosted m => client.SendAsync("message", AgentMessageView.From(m.Message)),
            VisitorTyping t => client.SendAsync("typing", t),
            ChatAssigned a => client.SendAsync("chatAssigned", a.Chat),
            ChatClosed c => client.SendAsync("chatClosed", c),
            ChatRated r => client.SendAsync("chatRated", r),
            QueueChanged q => client.SendAsync("queueChanged", q),
            ResyncNeeded => client.SendAsync("resync"),
            _ => Unknown(consoleEvent),
        };
    }

    private Task Unknown(ConsoleEvent consoleEvent)
    {
        logger.LogDebug("No hub event for {Event}", consoleEvent.GetType().Name);
        return Task.CompletedTask;
    }

    private sealed record Listener(AsyncServiceScope Scope, IDisposable Subscription);
}
