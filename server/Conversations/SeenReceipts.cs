using Chat.Server.Events;

namespace Chat.Server.Conversations;

/// <summary>
/// Tells the visitor how far their agent has read. Agents show it by opening the chat, typing
/// or replying; the console needs no button for it.
/// </summary>
public sealed class SeenReceipts(SeenMarks marks, IEventBus bus)
{
    public async Task AgentSawAsync(ConversationRow conversation, CancellationToken ct)
    {
        if (await marks.MarkAllSeenAsync(conversation.Id, ct) is { } seq)
        {
            bus.Publish(new MessagesSeen(conversation.Id, conversation.CustomerId, seq));
        }
    }
}
