using System.Collections.Concurrent;
using Chat.Server.Conversations;
using Chat.Server.Events;
using Chat.Server.Observability;
using Microsoft.AspNetCore.SignalR;

namespace Chat.Server.Visitors;

/// <summary>
/// Listens on a visitor's channel for as long as one of their connections is on this node,
/// and forwards each event to that connection.
/// </summary>
public sealed class VisitorConnections(IEventBus bus, IHubContext<VisitorHub> hub, ConversationViews views, ChatMetrics metrics)
{
    private readonly ConcurrentDictionary<string, IEventSubscription> _subscriptions = new();

    /// <summary>Returns once the visitor's events reach this connection from any node.</summary>
    public Task AttachAsync(string connectionId, string customerId)
    {
        var subscription = bus.Subscribe(Channels.Visitor(customerId), e => DeliverAsync(connectionId, e));
        _subscriptions[connectionId] = subscription;
        metrics.VisitorConnected();
        return subscription.Ready;
    }

    public void Detach(string connectionId)
    {
        if (_subscriptions.TryRemove(connectionId, out var subscription))
        {
            subscription.Dispose();
            metrics.VisitorDisconnected();
        }
    }

    private async Task DeliverAsync(string connectionId, ChatEvent chatEvent)
    {
        var client = hub.Clients.Client(connectionId);
        using var span = chatEvent is MessageAdded added ? ChatTracing.Deliver(added.Message.ConversationId, SenderKinds.Visitor) : null;
        await (chatEvent switch
        {
            MessageAdded m => client.SendAsync("message", MessageView.From(m.Message)),
            TypingChanged t when t.SenderKind == SenderKinds.Agent =>
                client.SendAsync("typing", new TypingView(t.ConversationId, t.Name, t.IsTyping)),
            ConversationChanged c => client.SendAsync("conversation", await views.ForVisitorAsync(c.Conversation, c.QueuePosition, CancellationToken.None)),
            MessagesSeen s => client.SendAsync("seen", new SeenView(s.ConversationId, s.Seq)),
            _ => Task.CompletedTask,
        });
    }
}
