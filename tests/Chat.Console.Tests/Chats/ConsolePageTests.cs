using System.Security.Claims;
using Chat.AgentConsole.Chats;
using Chat.AgentConsole.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.AgentConsole.Tests.Chats;

public sealed class ConsolePageTests : BunitContext
{
    private readonly FakeConsolePort port = new();

    public ConsolePageTests()
    {
        Services.AddSingleton<IConsolePort>(port);
        Services.AddSingleton<Chat.AgentConsole.Email.IEmailPort>(new FakeEmailPort());
        Services.AddSingleton<TimeProvider>(new FixedTimeProvider(Sample.Now));
        // console.js: the page attaches for shortcuts and visibility (the tab starts visible), and notifies.
        JSInterop.Mode = JSRuntimeMode.Loose;
        JSInterop.Setup<bool>("chatConsole.attach", _ => true).SetResult(true);
        var auth = AddAuthorization();
        auth.SetAuthorized(port.Agent.Name);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, port.Agent.Id));

        port.MyChats.Add(Sample.Summary("c1", "Carol", preview: "Hi", lastSeq: 1));
        port.MyChats.Add(Sample.Summary("c2", "Dan", preview: "Hello", lastSeq: 1));
        port.Details["c1"] = Sample.Detail("c1", customer: "Carol", messages: [Sample.Visitor("c1", 1, "Hi", name: "Carol")]);
        port.Details["c2"] = Sample.Detail("c2", customer: "Dan", messages: [Sample.Visitor("c2", 1, "Hello", name: "Dan")]);
    }

    private IRenderedComponent<ConsolePage> RenderWithChatOpen(string conversationId)
    {
        var cut = Render<ConsolePage>();
        cut.WaitForAssertion(() => Assert.Equal(1, port.ActiveSubscriptions));
        cut.Find($"[data-conversation={conversationId}]").Click();
        cut.WaitForAssertion(() => Assert.Equal(port.Details[conversationId].Customer.Name, cut.Find("[data-testid=pane-customer]").TextContent));
        return cut;
    }

    [Fact]
    public void Shows_the_agent_their_chats_and_goes_online()
    {
        var cut = Render<ConsolePage>();

        cut.WaitForAssertion(() => Assert.Equal(1, port.PresenceResumes));
        cut.WaitForAssertion(() => Assert.Equal("Online", cut.Find("[data-testid=presence]").GetAttribute("value")));
        Assert.Equal("Alice Agent", cut.Find("[data-testid=agent-name]").TextContent);
        Assert.Equal(["Carol", "Dan"], cut.FindAll("[data-testid=chat-customer]").Select(e => e.TextContent).Order());
        Assert.NotNull(cut.Find("form[action='/console/logout'] button"));
    }

    [Fact]
    public async Task A_new_message_appears_in_the_open_chat_and_counts_as_unread_elsewhere()
    {
        var cut = RenderWithChatOpen("c1");

        await port.PublishAsync(new MessagePosted(Sample.Visitor("c1", 2, "Is it shipped?", name: "Carol")));
        await port.PublishAsync(new MessagePosted(Sample.Visitor("c2", 2, "Still there?", name: "Dan")));
        await port.PublishAsync(new MessagePosted(Sample.Visitor("c2", 3, "Hello??", name: "Dan")));

        cut.WaitForAssertion(() =>
        {
            Assert.Equal(["Hi", "Is it shipped?"], cut.FindAll("[data-testid=message-text]").Select(e => e.TextContent));
            Assert.Equal("2", cut.Find("[data-conversation=c2] [data-testid=unread]").TextContent);
            Assert.Empty(cut.FindAll("[data-conversation=c1] [data-testid=unread]"));
            Assert.Equal("Hello??", cut.Find("[data-conversation=c2] [data-testid=chat-preview]").TextContent);
        });
    }

    [Fact]
    public void A_message_that_came_between_loading_the_open_chat_and_listening_is_shown_in_it()
    {
        // The page reads the open chat, then subscribes once it is live; Carol writes in between.
        port.BeforeSubscribing = () => port.Details["c1"] = port.Details["c1"] with
        {
            Messages = [.. port.Details["c1"].Messages, Sample.Visitor("c1", 2, "Is it shipped?", name: "Carol")],
        };

        var cut = Render<ConsolePage>(p => p.Add(c => c.ChatId, "c1"));

        cut.WaitForAssertion(() => Assert.Equal(["Hi", "Is it shipped?"], cut.FindAll("[data-testid=message-text]").Select(e => e.TextContent)));
    }

    [Fact]
    public async Task A_notification_the_browser_has_not_answered_yet_holds_up_no_message()
    {
        // As while the circuit reconnects: the browser does not answer the notification call.
        JSInterop.Setup<bool>("chatConsole.notify", _ => true);
        var cut = RenderWithChatOpen("c1");

        await port.PublishAsync(new MessagePosted(Sample.Visitor("c1", 2, "Is it shipped?", name: "Carol")));

        cut.WaitForAssertion(() => Assert.Equal(["Hi", "Is it shipped?"], cut.FindAll("[data-testid=message-text]").Select(e => e.TextContent)));
    }

    [Fact]
    public async Task A_repeated_event_does_not_duplicate_the_message_or_the_unread_count()
    {
        var cut = RenderWithChatOpen("c1");
        var message = Sample.Visitor("c1", 2, "Once", name: "Carol");
        var other = Sample.Visitor("c2", 2, "Once too", name: "Dan");

        await port.PublishAsync(new MessagePosted(message));
        await port.PublishAsync(new MessagePosted(message));
        await port.PublishAsync(new MessagePosted(other));
        await port.PublishAsync(new MessagePosted(other));

        cut.WaitForAssertion(() =>
        {
            Assert.Single(cut.FindAll("[data-testid=message-text]"), e => e.TextContent == "Once");
            Assert.Equal("1", cut.Find("[data-conversation=c2] [data-testid=unread]").TextContent);
        });
    }

    [Fact]
    public async Task A_waiting_visitor_moves_to_the_top_of_my_chats()
    {
        var cut = RenderWithChatOpen("c1");

        await port.PublishAsync(new MessagePosted(Sample.Visitor("c2", 2, "Hello?", name: "Dan")));

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("Dan", cut.FindAll("[data-testid=chat-customer]")[0].TextContent);
            Assert.NotNull(cut.Find("[data-conversation=c2] [data-testid=chat-waiting]"));
        });
    }

    [Fact]
    public async Task Selecting_a_chat_clears_its_unread_count()
    {
        var cut = RenderWithChatOpen("c1");
        await port.PublishAsync(new MessagePosted(Sample.Visitor("c2", 2, "Hey", name: "Dan")));
        cut.WaitForAssertion(() => cut.Find("[data-conversation=c2] [data-testid=unread]"));

        cut.Find("[data-conversation=c2]").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=unread]")));
    }

    [Fact]
    public async Task The_visitor_typing_shows_in_the_open_chat()
    {
        var cut = RenderWithChatOpen("c1");

        await port.PublishAsync(new VisitorTyping("c1", true));

        cut.WaitForAssertion(() => cut.Find("[data-testid=visitor-typing]"));
    }

    [Fact]
    public async Task An_assigned_chat_is_added_and_opened_when_nothing_is_open()
    {
        var cut = Render<ConsolePage>();
        cut.WaitForAssertion(() => Assert.Equal(1, port.ActiveSubscriptions));
        port.Details["c3"] = Sample.Detail("c3", customer: "Erin");

        await port.PublishAsync(new ChatAssigned(Sample.Summary("c3", "Erin", preview: "I need help")));

        cut.WaitForAssertion(() =>
        {
            Assert.Equal(3, cut.FindAll("[data-testid=chat-row]").Count);
            Assert.Equal("Erin", cut.Find("[data-testid=pane-customer]").TextContent);
            Assert.Equal("Erin", cut.Find("[data-testid=customer-panel] [data-testid=customer-name]").TextContent);
        });
    }

    [Fact]
    public async Task A_queue_change_reloads_the_queue()
    {
        var cut = Render<ConsolePage>();
        cut.WaitForAssertion(() => Assert.Equal(1, port.ActiveSubscriptions));
        Assert.Empty(cut.FindAll("[data-testid=queue-row]"));

        port.Queue.Add(new QueuedChat("q1", "Frank", "Shoe shop", Sample.Now.AddMinutes(-4)));
        await port.PublishAsync(new QueueChanged());

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("Frank", cut.Find("[data-testid=queue-customer]").TextContent);
            Assert.Contains("Shoe shop · waiting 4 min", cut.Find("[data-testid=queue-row]").TextContent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Taking_a_queued_chat_assigns_and_opens_it()
    {
        port.Queue.Add(new QueuedChat("q1", "Frank", "Shoe shop", Sample.Now.AddMinutes(-4)));
        port.Details["q1"] = Sample.Detail("q1", customer: "Frank");
        var cut = Render<ConsolePage>();
        cut.WaitForAssertion(() => Assert.Equal(1, port.ActiveSubscriptions));

        // The fake server moves the chat from the queue to the agent when taken.
        port.Queue.Clear();
        port.MyChats.Add(Sample.Summary("q1", "Frank"));
        cut.Find("[data-testid=take]").Click();

        cut.WaitForAssertion(() =>
        {
            Assert.Equal(["q1"], port.Taken);
            Assert.Equal("Frank", cut.Find("[data-testid=pane-customer]").TextContent);
            Assert.Empty(cut.FindAll("[data-testid=queue-row]"));
        });
    }

    [Fact]
    public void A_chat_someone_else_took_first_says_so_and_refreshes_the_queue()
    {
        port.Queue.Add(new QueuedChat("q1", "Frank", "Shoe shop", Sample.Now.AddMinutes(-4)));
        port.TakeFailure = new ConsoleActionException("already_assigned", "Another agent took this chat.");
        var cut = Render<ConsolePage>();
        cut.WaitForAssertion(() => Assert.Equal(1, port.ActiveSubscriptions));
        var loadsBefore = port.QueueLoads;

        port.Queue.Clear();
        cut.Find("[data-testid=take]").Click();

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("Another agent took this chat.", cut.Find("[data-testid=queue-error]").TextContent);
            Assert.Empty(cut.FindAll("[data-testid=queue-row]"));
            Assert.True(port.QueueLoads > loadsBefore);
        });
    }

    [Fact]
    public void Changing_presence_tells_the_server()
    {
        var cut = Render<ConsolePage>();
        cut.WaitForAssertion(() => Assert.Equal(1, port.PresenceResumes));

        cut.Find("[data-testid=presence]").Change("Away");

        Assert.Equal([Presence.Away], port.PresenceChanges);
        Assert.Equal("Away", cut.Find("[data-testid=presence]").GetAttribute("value"));
    }

    [Fact]
    public async Task A_mention_is_told_listed_and_opens_the_colleague_s_chat_read_only()
    {
        port.Details["c9"] = Sample.Detail("c9", customer: "Ana Lima") with { AssignedAgentId = "agent-sam" };
        port.Mentions.Add(new MentionItem("c2", "Dan", "Sam Small", "@Alice earlier question", Sample.Now.AddHours(-2)));
        var cut = Render<ConsolePage>();
        cut.WaitForAssertion(() => Assert.Equal(1, port.ActiveSubscriptions));
        Assert.Equal("1", cut.Find("[data-testid=mentions-count]").TextContent);

        var note = new ChatNote("c9", "n-1", NoteKind.Note, "Sam Small", null, "@Alice can you check the refund?", Sample.Now);
        await port.PublishAsync(new MentionedInNote(note, new MentionItem("c9", "Ana Lima", "Sam Small", note.Text, Sample.Now)));

        cut.WaitForAssertion(() => Assert.Equal(["Ana Lima", "Dan"], cut.FindAll("[data-testid=mention-customer]").Select(e => e.TextContent)));
        Assert.Contains("Sam Small mentioned you in a note on Ana Lima's chat.", cut.Find("[data-testid=notice]").TextContent, StringComparison.Ordinal);

        cut.FindAll("[data-testid=mention-row] button")[0].Click();
        cut.WaitForAssertion(() => Assert.Equal("Ana Lima", cut.Find("[data-testid=pane-customer]").TextContent));
        Assert.NotNull(cut.Find("[data-testid=read-only]"));
        // Notes only: the composer opens on a note and the reply tab is off.
        Assert.Equal("note", cut.Find("[data-testid=composer]").GetAttribute("data-mode"));
        Assert.True(cut.Find("[data-testid=mode-reply]").HasAttribute("disabled"));
        Assert.False(cut.Find("[data-testid=composer]").HasAttribute("disabled"));
    }

    [Fact]
    public void An_own_chat_is_not_read_only()
    {
        port.Details["c1"] = port.Details["c1"] with { AssignedAgentId = port.Agent.Id };

        var cut = RenderWithChatOpen("c1");

        Assert.Empty(cut.FindAll("[data-testid=read-only]"));
        Assert.Equal("reply", cut.Find("[data-testid=composer]").GetAttribute("data-mode"));
    }

    [Fact]
    public void An_agent_who_chose_away_opens_the_console_away()
    {
        port.ChosenPresence = Presence.Away;

        var cut = Render<ConsolePage>();

        cut.WaitForAssertion(() => Assert.Equal("Away", cut.Find("[data-testid=presence]").GetAttribute("value")));
        Assert.Equal(1, port.PresenceResumes);
        Assert.Empty(port.PresenceChanges);
    }

    [Fact]
    public async Task A_closed_and_rated_chat_shows_the_outcome()
    {
        var cut = RenderWithChatOpen("c1");

        await port.PublishAsync(new ChatClosed("c1", "resolved"));
        await port.PublishAsync(new ChatRated("c1", 4, "Helpful"));

        cut.WaitForAssertion(() =>
        {
            Assert.Contains("rated 4/5", cut.Find("[data-testid=chat-rating]").TextContent, StringComparison.Ordinal);
            Assert.Contains("Resolved", cut.Find("[data-conversation=c1] [data-testid=chat-status]").TextContent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Leaving_the_page_stops_the_live_events()
    {
        var cut = Render<ConsolePage>();
        cut.WaitForAssertion(() => Assert.Equal(1, port.ActiveSubscriptions));

        await DisposeComponentsAsync();

        Assert.Equal(0, port.ActiveSubscriptions);
    }

    [Fact]
    public void Unread_counts_come_from_the_server_and_add_up_in_the_tab_title()
    {
        port.MyChats[0] = port.MyChats[0] with { Unread = 2 };
        port.MyChats[1] = port.MyChats[1] with { Unread = 1 };

        var cut = Render<ConsolePage>();

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("2", cut.Find("[data-conversation=c1] [data-testid=unread]").TextContent);
            Assert.Equal("1", cut.Find("[data-conversation=c2] [data-testid=unread]").TextContent);
            Assert.Contains(JSInterop.Invocations, i => i.Identifier == "chatConsole.setTitle" && Equals(i.Arguments[0], "(3) Chat console"));
        });
    }

    [Fact]
    public async Task Opening_a_chat_marks_it_read_and_so_does_a_message_arriving_in_it()
    {
        var cut = RenderWithChatOpen("c1");
        cut.WaitForAssertion(() => Assert.Contains(("c1", 1L), port.ReadMarks));

        await port.PublishAsync(new MessagePosted(Sample.Visitor("c1", 2, "Still there?", name: "Carol")));

        cut.WaitForAssertion(() => Assert.Contains(("c1", 2L), port.ReadMarks));
        Assert.Empty(cut.FindAll("[data-conversation=c1] [data-testid=unread]"));
    }

    [Fact]
    public async Task While_the_tab_is_hidden_the_open_chat_gathers_unread_messages_until_the_agent_looks_again()
    {
        var cut = RenderWithChatOpen("c1");
        await cut.InvokeAsync(() => cut.Instance.OnVisibilityChangedAsync(false));

        await port.PublishAsync(new MessagePosted(Sample.Visitor("c1", 2, "Hello?", name: "Carol")));
        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find("[data-conversation=c1] [data-testid=unread]").TextContent));
        Assert.DoesNotContain(("c1", 2L), port.ReadMarks);

        await cut.InvokeAsync(() => cut.Instance.OnVisibilityChangedAsync(true));

        cut.WaitForAssertion(() =>
        {
            Assert.Empty(cut.FindAll("[data-conversation=c1] [data-testid=unread]"));
            Assert.Contains(("c1", 2L), port.ReadMarks);
        });
    }

    [Fact]
    public void Each_chat_keeps_its_own_unsent_draft_when_the_agent_switches()
    {
        var cut = RenderWithChatOpen("c1");
        cut.Find("[data-testid=composer]").Input("Half a reply for Carol");

        cut.Find("[data-conversation=c2]").Click();
        cut.WaitForAssertion(() => Assert.Equal("Dan", cut.Find("[data-testid=pane-customer]").TextContent));
        Assert.Equal("", cut.Find("[data-testid=composer]").GetAttribute("value"));
        Assert.NotNull(cut.Find("[data-conversation=c1] [data-testid=draft-mark]"));
        cut.Find("[data-testid=composer]").Input("For Dan");

        cut.Find("[data-conversation=c1]").Click();
        cut.WaitForAssertion(() => Assert.Equal("Carol", cut.Find("[data-testid=pane-customer]").TextContent));
        Assert.Equal("Half a reply for Carol", cut.Find("[data-testid=composer]").GetAttribute("value"));
        Assert.NotNull(cut.Find("[data-conversation=c2] [data-testid=draft-mark]"));
        Assert.Empty(port.Sent);
    }

    [Fact]
    public void The_page_gives_the_browser_its_shortcuts()
    {
        var cut = Render<ConsolePage>();

        cut.WaitForAssertion(() =>
        {
            var attach = Assert.Single(JSInterop.Invocations, i => i.Identifier == "chatConsole.attach");
            var table = System.Text.Json.JsonSerializer.Serialize(attach.Arguments[1]);
            Assert.All(new[] { "next-chat", "previous-chat", "focus-composer", "resolve", "transfer", "help" }, a => Assert.Contains(a, table, StringComparison.Ordinal));
        });
    }

    [Fact]
    public async Task Next_and_previous_chat_walk_the_list_in_its_order_and_put_the_agent_in_the_composer()
    {
        port.MyChats[1] = port.MyChats[1] with { WaitingSince = Sample.Now.AddMinutes(-2) };
        var cut = Render<ConsolePage>();
        cut.WaitForAssertion(() => Assert.Equal(1, port.ActiveSubscriptions));

        // Dan waits, so he is first in the list.
        await cut.InvokeAsync(() => cut.Instance.OnShortcutAsync("next-chat"));
        cut.WaitForAssertion(() => Assert.Equal("Dan", cut.Find("[data-testid=pane-customer]").TextContent));
        await cut.InvokeAsync(() => cut.Instance.OnShortcutAsync("next-chat"));
        cut.WaitForAssertion(() => Assert.Equal("Carol", cut.Find("[data-testid=pane-customer]").TextContent));
        await cut.InvokeAsync(() => cut.Instance.OnShortcutAsync("next-chat"));
        await cut.InvokeAsync(() => cut.Instance.OnShortcutAsync("previous-chat"));

        cut.WaitForAssertion(() => Assert.Equal("Dan", cut.Find("[data-testid=pane-customer]").TextContent));
        Assert.Contains(JSInterop.Invocations, i => i.Identifier == "chatConsole.focus" && Equals(i.Arguments[0], "[data-testid=composer]"));
    }

    [Fact]
    public async Task Shortcuts_resolve_the_open_chat_switch_to_a_note_and_open_the_transfer_dialog()
    {
        var cut = RenderWithChatOpen("c1");

        await cut.InvokeAsync(() => cut.Instance.OnShortcutAsync("toggle-note"));
        cut.WaitForAssertion(() => Assert.Equal("note", cut.Find("[data-testid=composer]").GetAttribute("data-mode")));
        await cut.InvokeAsync(() => cut.Instance.OnShortcutAsync("transfer"));
        cut.WaitForAssertion(() => cut.Find("[data-testid=transfer-dialog]"));
        await cut.InvokeAsync(() => cut.Instance.OnShortcutAsync("resolve"));

        cut.WaitForAssertion(() =>
        {
            Assert.Equal(["c1"], port.Resolved);
            Assert.Contains("Resolved", cut.Find("[data-conversation=c1] [data-testid=chat-status]").TextContent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task The_help_overlay_lists_every_shortcut_and_escape_closes_it()
    {
        var cut = RenderWithChatOpen("c1");

        await cut.InvokeAsync(() => cut.Instance.OnShortcutAsync("help"));

        var rows = cut.FindAll("[data-testid=shortcut]");
        Assert.Equal(Chat.AgentConsole.Shared.Shortcuts.All.Count, rows.Count);
        Assert.Contains(rows, r => r.TextContent.Contains("Alt + ↓", StringComparison.Ordinal) && r.TextContent.Contains("Next chat", StringComparison.Ordinal));
        cut.Find("[data-testid=shortcut-help]").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Escape" });
        Assert.Empty(cut.FindAll("[data-testid=shortcut-help]"));
    }

    [Fact]
    public async Task A_visitor_message_and_a_new_chat_ask_the_browser_to_notify()
    {
        var cut = RenderWithChatOpen("c1");
        port.Details["c3"] = Sample.Detail("c3", customer: "Erin");

        await port.PublishAsync(new MessagePosted(Sample.Visitor("c2", 2, "Anyone there?", name: "Dan")));
        await port.PublishAsync(new ChatAssigned(Sample.Summary("c3", "Erin")));

        cut.WaitForAssertion(() =>
        {
            var notes = JSInterop.Invocations.Where(i => i.Identifier == "chatConsole.notify").Select(i => (i.Arguments[0], i.Arguments[1])).ToList();
            Assert.Contains(("Dan", "Anyone there?"), notes);
            Assert.Contains(("New chat", "Erin"), notes);
        });
    }

    [Fact]
    public async Task The_open_chat_shows_what_the_visitor_is_typing_before_they_send()
    {
        var cut = RenderWithChatOpen("c1");

        await port.PublishAsync(new VisitorTyping("c1", true, "Can I pay by"));
        cut.WaitForAssertion(() => Assert.Equal("Can I pay by", cut.Find("[data-testid=visitor-typing-preview]").TextContent));
        await port.PublishAsync(new VisitorTyping("c1", false));

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=visitor-typing]")));
    }

    [Fact]
    public async Task A_chat_handed_to_a_colleague_leaves_the_list_and_one_handed_to_me_arrives_with_the_note()
    {
        var cut = RenderWithChatOpen("c1");

        await port.PublishAsync(new ChatTransferred("c1", "Sam Small"));
        cut.WaitForAssertion(() =>
        {
            Assert.Empty(cut.FindAll("[data-conversation=c1]"));
            Assert.Empty(cut.FindAll("[data-testid=pane-customer]"));
            Assert.Contains("Carol is now with Sam Small", cut.Find("[data-testid=notice]").TextContent, StringComparison.Ordinal);
        });

        port.Details["c9"] = Sample.Detail("c9", customer: "Gus");
        await port.PublishAsync(new ChatAssigned(Sample.Summary("c9", "Gus"), new Handover("Bob Boss", "VIP, be quick")));

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("Gus", cut.Find("[data-testid=pane-customer]").TextContent);
            Assert.Contains("Bob Boss transferred Gus to you: “VIP, be quick”", cut.Find("[data-testid=notice]").TextContent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_note_from_another_tab_and_the_visitors_new_page_show_in_the_open_chat()
    {
        var cut = RenderWithChatOpen("c1");

        await port.PublishAsync(new NoteAdded(new ChatNote("c1", "n-1", NoteKind.Note, "Alice Agent", null, "Call back at 5", Sample.Now)));
        await port.PublishAsync(new CustomerPageChanged("cust-1", new VisitorPage("https://shop.test/checkout", "Checkout", "Asia/Tokyo", null, Sample.Now)));

        cut.WaitForAssertion(() =>
        {
            Assert.Contains("Call back at 5", cut.Find("[data-testid=note]").TextContent, StringComparison.Ordinal);
            Assert.Contains("Checkout", cut.Find("[data-testid=customer-page]").TextContent, StringComparison.Ordinal);
            Assert.Contains("21:00", cut.Find("[data-testid=customer-local-time]").TextContent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void A_link_to_a_chat_opens_it_and_a_link_to_someone_elses_says_so()
    {
        var mine = Render<ConsolePage>(ps => ps.Add(p => p.ChatId, "c2"));
        mine.WaitForAssertion(() => Assert.Equal("Dan", mine.Find("[data-testid=pane-customer]").TextContent));

        var theirs = Render<ConsolePage>(ps => ps.Add(p => p.ChatId, "not-mine"));
        theirs.WaitForAssertion(() =>
        {
            Assert.Contains("does not exist", theirs.Find("[data-testid=notice]").TextContent, StringComparison.Ordinal);
            Assert.Empty(theirs.FindAll("[data-testid=pane-customer]"));
            Assert.Contains("Pick a chat", theirs.Markup, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_first_message_that_overtakes_its_chat_still_shows_and_the_late_chat_event_does_not_undo_it()
    {
        var cut = RenderWithChatOpen("c1");
        var first = Sample.Visitor("c3", 1, "Are you open today?", name: "Erin");

        // The server already has the chat and its message; the console hears of the message first.
        port.MyChats.Add(Sample.Summary("c3", "Erin", preview: first.Text, lastSeq: 1) with { WaitingSince = first.CreatedAt, Unread = 1 });
        port.Details["c3"] = Sample.Detail("c3", customer: "Erin", messages: [first]);
        await port.PublishAsync(new MessagePosted(first));
        await port.PublishAsync(new ChatAssigned(Sample.Summary("c3", "Erin", preview: null, lastSeq: 0)));

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("Are you open today?", cut.Find("[data-conversation=c3] [data-testid=chat-preview]").TextContent);
            Assert.Equal("1", cut.Find("[data-conversation=c3] [data-testid=unread]").TextContent);
            Assert.Contains(JSInterop.Invocations, i => i.Identifier == "chatConsole.notify" && Equals(i.Arguments[0], "Erin"));
        });
    }

    [Fact]
    public async Task A_reminder_puts_the_promise_on_top_and_fills_the_due_list()
    {
        var cut = Render<ConsolePage>();
        cut.WaitForAssertion(() => Assert.Equal(1, port.ActiveSubscriptions));
        Assert.Equal("No promises waiting.", cut.Find("[data-testid=due-empty]").TextContent);

        var action = new NextAction("na-1", "c2", "send you the invoice", port.Agent.Id, port.Agent.Name, Sample.Now.AddMinutes(15)) { CustomerName = "Dan" };
        port.DueList.Add(action);
        await port.PublishAsync(new NextActionReminder(action, Overdue: false));

        cut.WaitForAssertion(() => Assert.Equal("Due today 12:15 (Dan): “Alice Agent will send you the invoice”", cut.Find("[data-testid=notice]").FirstChild!.TextContent.Trim()));
        Assert.Equal("soon", cut.Find("[data-testid=due-row]").GetAttribute("data-state"));
        Assert.Equal("1", cut.Find("[data-testid=due-count]").TextContent);

        // Clicking it opens the chat it belongs to.
        cut.Find("[data-testid=due-row] button").Click();
        cut.WaitForAssertion(() => Assert.Equal("Dan", cut.Find("[data-testid=pane-customer]").TextContent));
    }
}
