using Chat.AgentConsole.Chats;
using Chat.AgentConsole.Tests.Fakes;

namespace Chat.AgentConsole.Tests.Chats;

public sealed class ChatListTests : BunitContext
{
    private static readonly DateTimeOffset Now = Sample.Now;

    private IRenderedComponent<ChatList> RenderList(IReadOnlyList<ChatListItem> items, string? selected = null, Action<string>? onSelect = null) =>
        Render<ChatList>(ps => ps
            .Add(p => p.Items, items)
            .Add(p => p.SelectedId, selected)
            .Add(p => p.Now, Now)
            .Add(p => p.OnSelect, onSelect ?? (_ => { })));

    [Fact]
    public void Rows_show_customer_preview_and_how_long_they_wait()
    {
        var cut = RenderList([new ChatListItem(Sample.Summary("c1", "Carol", preview: "Where is my order?", waitingSince: Now.AddMinutes(-2)))]);

        Assert.Equal("Carol", cut.Find("[data-testid=chat-customer]").TextContent);
        Assert.Equal("Where is my order?", cut.Find("[data-testid=chat-preview]").TextContent);
        // Past the default first threshold of one minute, the words say so as well as the colour.
        Assert.Equal("waiting 2 min · answer soon", cut.Find("[data-testid=chat-waiting]").TextContent);
    }

    [Fact]
    public void The_longest_waiting_customer_is_on_top_then_the_most_recent()
    {
        var cut = RenderList(
        [
            new ChatListItem(Sample.Summary("quiet-old", "Dora", lastAt: Now.AddHours(-1))),
            new ChatListItem(Sample.Summary("quiet-new", "Eve", lastAt: Now.AddMinutes(-1))),
            new ChatListItem(Sample.Summary("wait-short", "Bob", waitingSince: Now.AddMinutes(-1))),
            new ChatListItem(Sample.Summary("wait-long", "Ann", waitingSince: Now.AddMinutes(-8))),
        ]);

        var names = cut.FindAll("[data-testid=chat-customer]").Select(e => e.TextContent);

        Assert.Equal(["Ann", "Bob", "Eve", "Dora"], names);
    }

    [Fact]
    public void Unread_messages_show_as_a_count_only_where_there_are_any()
    {
        var cut = RenderList(
        [
            new ChatListItem(Sample.Summary("c1", "Carol"), Unread: 3),
            new ChatListItem(Sample.Summary("c2", "Dan")),
        ]);

        var badge = Assert.Single(cut.FindAll("[data-testid=unread]"));
        Assert.Equal("3", badge.TextContent);
        Assert.NotNull(cut.Find("[data-conversation=c1] [data-testid=unread]"));
    }

    [Fact]
    public void Clicking_a_row_selects_that_chat()
    {
        string? selected = null;
        var cut = RenderList(
            [new ChatListItem(Sample.Summary("c1", "Carol")), new ChatListItem(Sample.Summary("c2", "Dan"))],
            onSelect: id => selected = id);

        cut.Find("[data-conversation=c2]").Click();

        Assert.Equal("c2", selected);
    }

    [Fact]
    public void The_selected_row_is_a_button_marked_current()
    {
        var cut = RenderList([new ChatListItem(Sample.Summary("c1", "Carol")), new ChatListItem(Sample.Summary("c2", "Dan"))], selected: "c2");

        var rows = cut.FindAll("[data-testid=chat-row]");
        Assert.All(rows, r => Assert.Equal("BUTTON", r.TagName));
        Assert.Equal("true", cut.Find("[data-conversation=c2]").GetAttribute("aria-current"));
        Assert.False(cut.Find("[data-conversation=c1]").HasAttribute("aria-current"));
    }

    [Fact]
    public void Each_waiting_chat_counts_down_to_its_sites_reply_target_and_says_when_it_has_passed()
    {
        var aim = WaitThresholds.Default with { FirstReplyTarget = TimeSpan.FromMinutes(2) };
        var cut = RenderList(
        [
            new ChatListItem(Sample.Summary("fresh", "Ann", waitingSince: Now.AddSeconds(-10)) with { Thresholds = aim }),
            new ChatListItem(Sample.Summary("close", "Bob", waitingSince: Now.AddSeconds(-90)) with { Thresholds = aim }),
            new ChatListItem(Sample.Summary("late", "Cy", waitingSince: Now.AddMinutes(-5)) with { Thresholds = aim }),
            new ChatListItem(Sample.Summary("answered", "Di") with { Thresholds = aim }),
            new ChatListItem(Sample.Summary("no-target", "Ed", waitingSince: Now.AddMinutes(-5))),
        ]);

        string? Countdown(string id) => cut.FindAll($"[data-conversation={id}] [data-testid=reply-target]").SingleOrDefault()?.TextContent;
        Assert.Equal("reply within 2 min", Countdown("fresh"));
        Assert.Equal("reply within <1 min", Countdown("close"));
        Assert.Equal("3 min past target", Countdown("late"));
        Assert.Contains("passed", cut.Find("[data-conversation=late] [data-testid=reply-target]").ClassList);
        Assert.Null(Countdown("answered"));
        Assert.Null(Countdown("no-target"));
    }

    [Fact]
    public void The_queue_counts_down_to_the_target_too()
    {
        var aim = WaitThresholds.Default with { FirstReplyTarget = TimeSpan.FromMinutes(3) };
        var cut = Render<Chat.AgentConsole.Queue.QueueList>(ps => ps
            .Add(p => p.Queue, [new QueuedChat("q1", "Ann", "Shoe Shop", Now.AddMinutes(-1)) { Thresholds = aim }])
            .Add(p => p.Now, Now));

        Assert.Equal("reply within 2 min", cut.Find("[data-testid=reply-target]").TextContent);
    }

    [Fact]
    public void Rows_are_coloured_by_their_sites_thresholds()
    {
        var strict = new WaitThresholds(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(40));
        var cut = RenderList(
        [
            new ChatListItem(Sample.Summary("fresh", "Ann", waitingSince: Now.AddSeconds(-30))),
            new ChatListItem(Sample.Summary("strict", "Bob", waitingSince: Now.AddSeconds(-30)) with { Thresholds = strict }),
            new ChatListItem(Sample.Summary("long", "Cy", waitingSince: Now.AddMinutes(-5))),
            new ChatListItem(Sample.Summary("answered", "Di")),
        ]);

        string UrgencyOf(string id) => cut.Find($"[data-conversation={id}]").GetAttribute("data-urgency")!;
        Assert.Equal("waiting", UrgencyOf("fresh"));
        Assert.Equal("warn", UrgencyOf("strict"));
        Assert.Equal("urgent", UrgencyOf("long"));
        Assert.Equal("none", UrgencyOf("answered"));
        Assert.Contains("urgent", cut.Find("[data-conversation=long] [data-testid=chat-waiting]").TextContent, StringComparison.Ordinal);
        Assert.Equal(["Cy", "Bob", "Ann", "Di"], cut.FindAll("[data-testid=chat-customer]").Select(e => e.TextContent));
    }

    [Fact]
    public void A_chat_with_an_unsent_draft_says_so_unless_it_is_open()
    {
        var cut = Render<ChatList>(ps => ps
            .Add(p => p.Items, [new ChatListItem(Sample.Summary("c1", "Carol")), new ChatListItem(Sample.Summary("c2", "Dan")), new ChatListItem(Sample.Summary("c3", "Eve"))])
            .Add(p => p.SelectedId, "c3")
            .Add(p => p.Now, Now)
            .Add(p => p.HasDraft, id => id is "c2" or "c3"));

        Assert.Single(cut.FindAll("[data-testid=draft-mark]"));
        Assert.NotNull(cut.Find("[data-conversation=c2] [data-testid=draft-mark]"));
    }
}
