using Chat.AgentConsole.Chats;
using Chat.AgentConsole.Tests.Fakes;

namespace Chat.AgentConsole.Tests.Chats;

public sealed class ChatOrderingTests
{
    private static readonly DateTimeOffset Now = Sample.Now;

    [Fact]
    public void Waiting_chats_come_first_longest_wait_first()
    {
        var items = new[]
        {
            new ChatListItem(Sample.Summary("recent-quiet", "A", lastAt: Now.AddMinutes(-1))),
            new ChatListItem(Sample.Summary("short-wait", "B", waitingSince: Now.AddMinutes(-2))),
            new ChatListItem(Sample.Summary("long-wait", "C", waitingSince: Now.AddMinutes(-9))),
        };

        var ids = ChatOrdering.Sort(items).Select(i => i.ConversationId);

        Assert.Equal(["long-wait", "short-wait", "recent-quiet"], ids);
    }

    [Fact]
    public void Chats_not_waiting_follow_by_most_recent_message()
    {
        var items = new[]
        {
            new ChatListItem(Sample.Summary("old", "A", lastAt: Now.AddHours(-2))),
            new ChatListItem(Sample.Summary("never", "B", lastAt: null) with { LastMessageAt = null }),
            new ChatListItem(Sample.Summary("new", "C", lastAt: Now.AddMinutes(-1))),
        };

        var ids = ChatOrdering.Sort(items).Select(i => i.ConversationId);

        Assert.Equal(["new", "old", "never"], ids);
    }

    [Fact]
    public void A_resolved_chat_is_not_waiting_even_with_an_unanswered_message()
    {
        var items = new[]
        {
            new ChatListItem(Sample.Summary("resolved", "A", waitingSince: Now.AddHours(-1), lastAt: Now.AddHours(-1)), Resolved: true),
            new ChatListItem(Sample.Summary("open", "B", waitingSince: Now.AddMinutes(-1))),
        };

        Assert.Equal("open", ChatOrdering.Sort(items)[0].ConversationId);
    }
}
