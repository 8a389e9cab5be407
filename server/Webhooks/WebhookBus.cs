using Chat.Server.Events;

namespace Chat.Server.Webhooks;

/// <summary>
/// The event bus as writers see it, with webhooks listening in. An event is published once, by
/// the node that committed its change, so recording it here puts it in the outbox once. Writers
/// still never wait: the event is only offered to <see cref="WebhookRecorder"/>'s queue, and only
/// while some site has a webhook.
/// </summary>
internal sealed class WebhookBus(IEventBus inner, WebhookRecorder recorder) : IEventBus
{
    public void Publish(ChatEvent chatEvent)
    {
        inner.Publish(chatEvent);
        recorder.Offer(chatEvent);
    }

    public IEventSubscription Subscribe(string channel, IEventListener listener) => inner.Subscribe(channel, listener);
}
