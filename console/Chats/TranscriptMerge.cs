using Chat.AgentConsole.Port;

namespace Chat.AgentConsole.Chats;

/// <summary>
/// Adds live messages to an open transcript. Events are delivery hints: they may repeat,
/// arrive out of order or go missing, so we dedupe by client id, order by sequence and
/// report a gap so the caller can reload from the server.
/// </summary>
public static class TranscriptMerge
{
    public static IReadOnlyList<ChatMessage> Add(IReadOnlyList<ChatMessage> messages, ChatMessage message)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(message);

        if (messages.Any(m => m.ClientId == message.ClientId || m.Seq == message.Seq))
        {
            return messages;
        }

        return messages.Append(message).OrderBy(m => m.Seq).ToList();
    }

    /// <summary>True when messages between what we hold and <paramref name="message"/> are missing.</summary>
    public static bool HasGap(IReadOnlyList<ChatMessage> messages, ChatMessage message)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(message);

        var lastSeq = messages.Count == 0 ? 0 : messages.Max(m => m.Seq);
        return message.Seq > lastSeq + 1;
    }
}
