using Chat.AgentConsole.Chats;
using Chat.AgentConsole.Port;
using Chat.AgentConsole.Tests.Fakes;

namespace Chat.AgentConsole.Tests.Chats;

public sealed class ChatSummaryUpdateTests
{
    [Fact]
    public void A_visitor_message_starts_the_wait_and_a_later_one_keeps_it()
    {
        var summary = Sample.Summary("c1", "Carol", lastSeq: 1);
        var first = Sample.Visitor("c1", 2, "Hi?");
        var second = Sample.Visitor("c1", 3, "Anyone?");

        var updated = ChatSummaryUpdate.WithMessage(ChatSummaryUpdate.WithMessage(summary, first), second);

        Assert.Equal(first.CreatedAt, updated.WaitingSince);
        Assert.Equal("Anyone?", updated.LastMessagePreview);
        Assert.Equal(3, updated.LastSeq);
    }

    [Fact]
    public void An_agent_reply_ends_the_wait()
    {
        var summary = Sample.Summary("c1", "Carol", waitingSince: Sample.Now.AddMinutes(-3), lastSeq: 2);

        var updated = ChatSummaryUpdate.WithMessage(summary, Sample.Agent("c1", 3, "On it"));

        Assert.Null(updated.WaitingSince);
    }

    [Fact]
    public void A_system_line_moves_the_row_on_but_keeps_the_preview_of_what_was_written()
    {
        var summary = Sample.Summary("c1", "Carol", preview: "Do you ship to Canada?", lastSeq: 2);
        var transfer = new ChatMessage("c1", "s-3", 3, SenderKind.System, "", "Alice Agent transferred the chat to Sam Small", Sample.Now);

        var updated = ChatSummaryUpdate.WithMessage(summary, transfer);

        Assert.Equal("Do you ship to Canada?", updated.LastMessagePreview);
        Assert.Equal(3, updated.LastSeq);
    }

    [Fact]
    public void A_repeated_or_stale_message_changes_nothing()
    {
        var summary = Sample.Summary("c1", "Carol", preview: "latest", lastSeq: 5);

        Assert.Same(summary, ChatSummaryUpdate.WithMessage(summary, Sample.Visitor("c1", 4, "older")));
    }

    [Fact]
    public void Previews_are_one_short_line()
    {
        var preview = ChatSummaryUpdate.Preview("line one\nline two " + new string('x', 200));

        Assert.StartsWith("line one line two", preview);
        Assert.Equal(80, preview.Length);
        Assert.EndsWith("…", preview);
    }
}
