using Chat.AgentConsole.Chats;
using Chat.AgentConsole.Tests.Fakes;

namespace Chat.AgentConsole.Tests.Chats;

public sealed class TranscriptMergeTests
{
    [Fact]
    public void A_message_seen_twice_is_shown_once()
    {
        var message = Sample.Visitor("c1", 1, "Hi");

        var merged = TranscriptMerge.Add(TranscriptMerge.Add([], message), message);

        Assert.Single(merged);
    }

    [Fact]
    public void Messages_are_ordered_by_sequence_whatever_order_they_arrive_in()
    {
        var merged = TranscriptMerge.Add([Sample.Visitor("c1", 1, "a"), Sample.Visitor("c1", 3, "c")], Sample.Visitor("c1", 2, "b"));

        Assert.Equal(["a", "b", "c"], merged.Select(m => m.Text));
    }

    [Fact]
    public void A_skipped_sequence_number_is_a_gap()
    {
        IReadOnlyList<ChatMessage> held = [Sample.Visitor("c1", 1, "a")];

        Assert.False(TranscriptMerge.HasGap(held, Sample.Visitor("c1", 2, "b")));
        Assert.True(TranscriptMerge.HasGap(held, Sample.Visitor("c1", 4, "d")));
    }
}
