using Chat.AgentConsole.Chats;
using Chat.AgentConsole.Tests.Fakes;

namespace Chat.AgentConsole.Tests.Chats;

public sealed class TimelineTests
{
    private static ChatNote Note(string id, DateTimeOffset at) => new("c1", id, NoteKind.Note, "Alice Agent", null, id, at);

    [Fact]
    public void Notes_sit_among_messages_by_time_and_messages_keep_their_order()
    {
        var m1 = Sample.Visitor("c1", 1, "one");
        var m2 = Sample.Agent("c1", 2, "two");
        var entries = Timeline.Merge([m2, m1], [Note("late", m2.CreatedAt.AddSeconds(1)), Note("between", m1.CreatedAt.AddSeconds(1))]);

        Assert.Equal(["m:" + m1.ClientId, "n:between", "m:" + m2.ClientId, "n:late"], entries.Select(e => e.Key));
    }

    [Fact]
    public void A_note_event_that_arrives_twice_is_kept_once()
    {
        var note = Note("n1", Sample.Now);

        Assert.Single(Timeline.AddNote(Timeline.AddNote([], note), note));
    }
}
