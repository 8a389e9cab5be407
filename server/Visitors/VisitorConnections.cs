using System.Collections.Concurrent;
using System.Security.Claims;
using Chat.Server.Conversations;
using Chat.Server.Events;
using Chat.Server.Observability;
using Microsoft.AspNetCore.SignalR;

namespace Chat.Server.Visitors;

/// <summary>
/// Listens on a visitor's channel for as long as one of their connections is on this node. Each
/// connection has its own queue: a visitor whose socket stalls holds up nobody but themselves,
/// and is told to resync when their queue overflows.
/// </summary>
public sealed class VisitorConnections(IEventBus bus, Listeners listeners, IHubContext<VisitorHub> hub, ConversationViews views, ChatMetrics metrics)
{
    private readonly ConcurrentDictionary<string, Listener> _listeners = new(StringComparer.Ordinal);

    /// <summary>Returns once the visitor's events reach this connection from any node.</summary>
    public Task AttachAsync(string connectionId, string customerId)
    {
        var client = hub.Clients.Client(connectionId);
        var session = new VisitorSession(customerId);
        var queue = listeners.Queue(
            $"visitor connection {connectionId}",
            (e, ct) => DeliverAsync(client, session, e, ct),
            ct => client.SendAsync("resync", ct));
        var subscription = bus.Subscribe(Channels.Visitor(customerId), queue);
        _listeners[connectionId] = new Listener(session, queue, subscription);
        metrics.VisitorConnected();
        return subscription.Ready;
    }

    /// <summary>
    /// The connection's cached customer and conversations. The user is read only for a connection
    /// not attached (any more): reading a claim walks the claims, on every call otherwise.
    /// </summary>
    public VisitorSession Session(string connectionId, ClaimsPrincipal user) =>
        _listeners.TryGetValue(connectionId, out var listener) ? listener.Session : new VisitorSession(user.FindFirst(VisitorGate.CustomerClaim)!.Value);

    /// <summary>
    /// Whether the visitor has a widget connected to this node now. Walks the connections, so it
    /// is for the occasional question (the mailer's), never a message's path.
    /// </summary>
    public bool IsConnectedHere(string customerId) => _listeners.Values.Any(l => l.Session.CustomerId == customerId);

    public void Detach(string connectionId)
    {
        if (_listeners.TryRemove(connectionId, out var listener))
        {
            listener.Subscription.Dispose();
            listener.Queue.Dispose();
            metrics.VisitorDisconnected();
        }
    }

    private async Task DeliverAsync(IClientProxy client, VisitorSession session, ChatEvent chatEvent, CancellationToken ct)
    {
        switch (chatEvent)
        {
            case ConversationChanged c:
                session.Remember(c.Conversation);
                break;
            case CustomerChanged:
                session.ForgetCustomer();
                break;
        }

        using var span = chatEvent is MessageAdded added ? ChatTracing.Deliver(added.Message.ConversationId, SenderKinds.Visitor) : null;
        await (chatEvent switch
        {
            MessageAdded m => client.SendAsync("message", MessageView.From(m.Message), ct),
            TypingChanged t when t.SenderKind == SenderKinds.Agent =>
                client.SendAsync("typing", new TypingView(t.ConversationId, t.Name, t.IsTyping), ct),
            ConversationChanged c => client.SendAsync("conversation", await views.ForVisitorAsync(c.Conversation, c.QueuePosition, ct), ct),
            MessagesSeen s => client.SendAsync("seen", new SeenView(s.ConversationId, s.Seq), ct),
            _ => Task.CompletedTask,
        });
    }

    private sealed record Listener(VisitorSession Session, ListenerQueue Queue, IEventSubscription Subscription);
}
