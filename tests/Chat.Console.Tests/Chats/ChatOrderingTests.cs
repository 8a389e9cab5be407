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

        var ids = ChatOrdering.Sort(items, Now).Select(i => i.ConversationId);

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

        var ids = ChatOrdering.Sort(items, Now).Select(i => i.ConversationId);

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

        Assert.Equal("open", ChatOrdering.Sort(items, Now)[0].ConversationId);
    }

    [Fact]
    public void A_short_wait_on_a_strict_site_outranks_a_longer_wait_on_a_patient_site()
    {
        var strict = new WaitThresholds(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1));
        var items = new[]
        {
            new ChatListItem(Sample.Summary("patient-long", "A", waitingSince: Now.AddMinutes(-2.5))),
            new ChatListItem(Sample.Summary("strict-short", "B", waitingSince: Now.AddMinutes(-2)) with { Thresholds = strict }),
            new ChatListItem(Sample.Summary("patient-fresh", "C", waitingSince: Now.AddSeconds(-20))),
        };

        var sorted = ChatOrdering.Sort(items, Now);

        Assert.Equal(["strict-short", "patient-long", "patient-fresh"], sorted.Select(i => i.ConversationId));
        Assert.Equal([Urgency.Urgent, Urgency.Warn, Urgency.Waiting], sorted.Select(i => i.UrgencyAt(Now)));
    }

    [Theory]
    [InlineData(null, Urgency.None)]
    [InlineData(59, Urgency.Waiting)]
    [InlineData(60, Urgency.Warn)]
    [InlineData(179, Urgency.Warn)]
    [InlineData(180, Urgency.Urgent)]
    public void The_default_thresholds_are_one_and_three_minutes(int? waitedSeconds, Urgency expected)
    {
        DateTimeOffset? since = waitedSeconds is int s ? Now.AddSeconds(-s) : null;

        Assert.Equal(expected, WaitUrgency.Of(since, WaitThresholds.Default, Now));
    }

    [Fact]
    public void The_same_chat_grows_more_urgent_as_time_passes()
    {
        var item = new ChatListItem(Sample.Summary("c", "A", waitingSince: Now));

        Assert.Equal(Urgency.Waiting, item.UrgencyAt(Now.AddSeconds(10)));
        Assert.Equal(Urgency.Warn, item.UrgencyAt(Now.AddMinutes(2)));
        Assert.Equal(Urgency.Urgent, item.UrgencyAt(Now.AddMinutes(4)));
    }
}
