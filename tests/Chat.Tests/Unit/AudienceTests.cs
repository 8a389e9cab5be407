using Chat.Server.Conversations;
using Chat.Server.Customers;
using Chat.Server.Events;

namespace Chat.Tests.Unit;

/// <summary>Who hears what: the one rule every published event goes through.</summary>
public sealed class AudienceTests
{
    private static readonly MessageRow Message = new("c1", 1, "m1", SenderKinds.Visitor, "cu1", "Ana", "Hello", 0);

    private static ConversationRow Conversation(string status = ConversationStatus.Open, string? agentId = "alex") =>
        new("c1", "s1", "cu1", agentId, agentId, status, 0, null, null, null, null, null, 1);

    [Fact]
    public void A_message_reaches_the_visitor_and_the_agent_who_had_the_chat_at_commit()
    {
        Assert.Equal(["chat:visitor:cu1", "chat:agent:alex"], Audience.Of(new MessageAdded(Message, "cu1", "alex")));
        Assert.Equal(["chat:visitor:cu1"], Audience.Of(new MessageAdded(Message, "cu1", null)));
    }

    [Fact]
    public void A_note_never_reaches_a_visitor_but_reaches_its_author_and_the_chats_agent()
    {
        var note = new NoteRow { ConversationId = "c1", AuthorId = "kim", Text = "VIP customer" };

        var channels = Audience.Of(new NoteAddedEvent(note, "alex"));

        Assert.Equal(["chat:agent:kim", "chat:agent:alex"], channels);
        Assert.DoesNotContain(channels, c => c.StartsWith("chat:visitor:", StringComparison.Ordinal));
        Assert.Equal(["chat:agent:alex"], Audience.Of(new NoteAddedEvent(new NoteRow { AuthorId = "alex" }, "alex")));
    }

    [Fact]
    public void A_transfer_reaches_both_agents_and_tells_the_visitor_only_that_it_moved()
    {
        var moved = Conversation(agentId: "kim");

        Assert.Equal(["chat:agent:kim", "chat:agent:alex"], Audience.Of(new ChatHandedOver(moved, "alex", "Alex", "Wants a refund")));
        Assert.Equal(["chat:visitor:cu1"], Audience.Of(new ConversationChanged(moved, ConversationChange.Transferred, null)));
    }

    [Fact]
    public void The_visitors_live_preview_goes_to_their_agent_only_and_an_agents_typing_to_the_visitor_only()
    {
        Assert.Equal(["chat:agent:alex"], Audience.Of(new TypingChanged("c1", "cu1", "alex", SenderKinds.Visitor, "Ana", "my card is", true)));
        Assert.Empty(Audience.Of(new TypingChanged("c1", "cu1", null, SenderKinds.Visitor, "Ana", "anyone?", true)));
        Assert.Equal(["chat:visitor:cu1"], Audience.Of(new TypingChanged("c1", "cu1", "alex", SenderKinds.Agent, "Alex", "", true)));
    }

    [Fact]
    public void A_chat_taken_back_to_the_line_tells_the_visitor_and_the_agent_who_lost_it()
    {
        var requeued = Conversation(ConversationStatus.Queued, agentId: null);

        Assert.Equal(["chat:visitor:cu1", "chat:agent:alex"], Audience.Of(new ConversationChanged(requeued, ConversationChange.Requeued, null, FormerAgentId: "alex")));
        Assert.Equal(["chat:visitor:cu1"], Audience.Of(new ConversationChanged(requeued, ConversationChange.QueueMoved, 2)));
    }

    [Fact]
    public void Resolving_and_rating_reach_both_sides()
    {
        Assert.Equal(["chat:visitor:cu1", "chat:agent:alex"], Audience.Of(new ConversationChanged(Conversation(ConversationStatus.Resolved), ConversationChange.Resolved, null)));
        Assert.Equal(["chat:visitor:cu1", "chat:agent:alex"], Audience.Of(new ConversationChanged(Conversation(ConversationStatus.Resolved), ConversationChange.Rated, null)));
    }

    [Fact]
    public void Queue_changes_go_to_the_sites_consoles_and_seen_marks_and_renames_to_the_visitor()
    {
        Assert.Equal(["chat:site:s1"], Audience.Of(new QueueChangedEvent("s1")));
        Assert.Equal(["chat:visitor:cu1"], Audience.Of(new MessagesSeen("c1", "cu1", 3)));
        Assert.Equal(["chat:visitor:cu1"], Audience.Of(new CustomerChanged("cu1")));
        Assert.Equal(["chat:agent:alex"], Audience.Of(new VisitorPageReported("cu1", "alex", new VisitorPageRow())));
    }
}
