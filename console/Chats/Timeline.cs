using Chat.AgentConsole.Port;

namespace Chat.AgentConsole.Chats;

/// <summary>One line of a transcript as agents see it: a message everyone saw, or a note only agents see.</summary>
public sealed record TimelineEntry(ChatMessage? Message, ChatNote? Note)
{
    public string Key => Message is not null ? $"m:{Message.ClientId}" : $"n:{Note!.ClientId}";
}

/// <summary>Puts agent-only notes among the messages by time; messages keep their sequence order.</summary>
public static class Timeline
{
    public static IReadOnlyList<TimelineEntry> Merge(IReadOnlyList<ChatMessage> messages, IReadOnlyList<ChatNote> notes)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(notes);
        var ordered = notes.OrderBy(n => n.CreatedAt).ToList();
        var result = new List<TimelineEntry>(messages.Count + ordered.Count);
        var next = 0;
        foreach (var message in messages.OrderBy(m => m.Seq))
        {
            while (next < ordered.Count && ordered[next].CreatedAt < message.CreatedAt)
            {
                result.Add(new TimelineEntry(null, ordered[next++]));
            }

            result.Add(new TimelineEntry(message, null));
        }

        result.AddRange(ordered.Skip(next).Select(n => new TimelineEntry(null, n)));
        return result;
    }

    /// <summary>Adds a live note once, however often its event arrives.</summary>
    public static IReadOnlyList<ChatNote> AddNote(IReadOnlyList<ChatNote> notes, ChatNote note)
    {
        ArgumentNullException.ThrowIfNull(notes);
        ArgumentNullException.ThrowIfNull(note);
        return notes.Any(n => n.ClientId == note.ClientId) ? notes : [.. notes, note];
    }
}
