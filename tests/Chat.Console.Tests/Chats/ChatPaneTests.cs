using Chat.AgentConsole.Chats;
using Chat.AgentConsole.Tests.Fakes;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.AgentConsole.Tests.Chats;

public sealed class ChatPaneTests : BunitContext
{
    private readonly FakeConsolePort port = new();

    public ChatPaneTests()
    {
        Services.AddSingleton<IConsolePort>(port);
    }

    private IRenderedComponent<ChatPane> RenderPane(ChatDetail detail, bool typing = false, Action<ChatMessage>? onSent = null, Action<string>? onResolved = null) =>
        Render<ChatPane>(ps => ps
            .Add(p => p.Detail, detail)
            .Add(p => p.AgentId, port.Agent.Id)
            .Add(p => p.AgentName, "Alice Agent")
            .Add(p => p.VisitorTyping, typing)
            .Add(p => p.OnSent, onSent ?? (_ => { }))
            .Add(p => p.OnResolved, onResolved ?? (_ => { })));

    [Fact]
    public void Replies_are_signed_with_the_agent_and_visitor_messages_with_the_customer()
    {
        var detail = Sample.Detail("c1", customer: "Carol Customer", messages:
        [
            Sample.Visitor("c1", 1, "Hi, my parcel is late"),
            Sample.Agent("c1", 2, "Let me check", name: ""),
        ]);

        var cut = RenderPane(detail);

        var messages = cut.FindAll("[data-testid=message]");
        Assert.Equal("visitor", messages[0].GetAttribute("data-sender"));
        Assert.Equal("Carol Customer", messages[0].QuerySelector("[data-testid=message-author]")!.TextContent);
        Assert.Equal("agent", messages[1].GetAttribute("data-sender"));
        Assert.Equal("Alice Agent", messages[1].QuerySelector("[data-testid=message-author]")!.TextContent);
        Assert.Equal("Carol Customer", cut.Find("[data-testid=pane-customer]").TextContent);
    }

    [Fact]
    public void Markup_in_a_message_is_shown_as_text_and_never_run()
    {
        var cut = RenderPane(Sample.Detail("c1", messages: [Sample.Visitor("c1", 1, "<script>alert(1)</script>")]));

        Assert.Equal("<script>alert(1)</script>", cut.Find("[data-testid=message-text]").TextContent);
        Assert.Empty(cut.FindAll("script"));
        Assert.Contains("&lt;script&gt;", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Enter_sends_the_reply_with_a_client_id_and_clears_the_composer()
    {
        ChatMessage? sent = null;
        var cut = RenderPane(Sample.Detail("c1"), onSent: m => sent = m);

        cut.Find("[data-testid=composer]").Input("Your parcel ships today");
        cut.Find("[data-testid=composer]").KeyDown(new KeyboardEventArgs { Key = "Enter" });

        var (conversationId, clientId, text) = Assert.Single(port.Sent);
        Assert.Equal("c1", conversationId);
        Assert.Equal("Your parcel ships today", text);
        Assert.Matches("^[0-9a-f]{32}$", clientId);
        Assert.Equal("", cut.Find("[data-testid=composer]").GetAttribute("value"));
        Assert.Equal(clientId, sent?.ClientId);
    }

    [Fact]
    public void Shift_enter_does_not_send()
    {
        var cut = RenderPane(Sample.Detail("c1"));

        cut.Find("[data-testid=composer]").Input("first line");
        cut.Find("[data-testid=composer]").KeyDown(new KeyboardEventArgs { Key = "Enter", ShiftKey = true });

        Assert.Empty(port.Sent);
    }

    [Fact]
    public void The_send_button_sends_too()
    {
        var cut = RenderPane(Sample.Detail("c1"));

        cut.Find("[data-testid=composer]").Input("Thanks for waiting");
        cut.Find("[data-testid=send]").Click();

        Assert.Equal("Thanks for waiting", Assert.Single(port.Sent).Text);
    }

    [Fact]
    public void A_refused_reply_shows_why_and_keeps_the_text()
    {
        port.SendFailure = new ConsoleActionException("message_too_long", "That reply is too long.");
        var cut = RenderPane(Sample.Detail("c1"));

        cut.Find("[data-testid=composer]").Input("a very long reply");
        cut.Find("[data-testid=send]").Click();

        Assert.Equal("That reply is too long.", cut.Find("[data-testid=send-error]").TextContent);
        Assert.Equal("a very long reply", cut.Find("[data-testid=composer]").GetAttribute("value"));
    }

    [Fact]
    public void Retrying_the_same_text_reuses_the_client_id_so_it_cannot_be_stored_twice()
    {
        port.SendFailure = new TimeoutException();
        var cut = RenderPane(Sample.Detail("c1"));
        cut.Find("[data-testid=composer]").Input("hello");
        cut.Find("[data-testid=send]").Click();
        Assert.NotNull(cut.Find("[data-testid=send-error]"));

        cut.Find("[data-testid=send]").Click();
        cut.Find("[data-testid=composer]").Input("hello again");
        cut.Find("[data-testid=send]").Click();

        var ids = port.SendAttempts.Select(a => a.ClientId).ToList();
        Assert.Equal(3, ids.Count);
        Assert.Equal(ids[0], ids[1]);
        Assert.NotEqual(ids[1], ids[2]);
    }

    [Fact]
    public void Typing_tells_the_visitor_and_sending_stops_it()
    {
        var cut = RenderPane(Sample.Detail("c1"));

        cut.Find("[data-testid=composer]").Input("H");
        cut.Find("[data-testid=composer]").Input("He");
        cut.Find("[data-testid=send]").Click();

        // The second keystroke falls inside the throttle window.
        Assert.Equal([("c1", true), ("c1", false)], port.Typing);
    }

    [Fact]
    public void The_typing_indicator_follows_the_flag()
    {
        var detail = Sample.Detail("c1", customer: "Carol");

        Assert.Empty(RenderPane(detail, typing: false).FindAll("[data-testid=visitor-typing]"));
        Assert.Contains("Carol", RenderPane(detail, typing: true).Find("[data-testid=visitor-typing]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_asks_the_server_and_reports_back()
    {
        string? resolved = null;
        var cut = RenderPane(Sample.Detail("c1"), onResolved: id => resolved = id);

        cut.Find("[data-testid=resolve]").Click();

        Assert.Equal(["c1"], port.Resolved);
        Assert.Equal("c1", resolved);
    }

    [Fact]
    public void A_resolved_chat_shows_its_rating_and_cannot_be_answered()
    {
        var detail = Sample.Detail("c1", status: "resolved") with { Rating = 5, RatingComment = "Quick!" };

        var cut = RenderPane(detail);

        Assert.Contains("rated 5/5", cut.Find("[data-testid=chat-rating]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=resolve]"));
        // Replies are off; the composer is left for an internal note about how it went.
        Assert.True(cut.Find("[data-testid=mode-reply]").HasAttribute("disabled"));
        Assert.Equal("note", cut.Find("[data-testid=composer]").GetAttribute("data-mode"));
        Assert.Equal("Add note", cut.Find("[data-testid=send]").TextContent.Trim());
    }

    [Fact]
    public void Web_links_in_messages_are_clickable()
    {
        var cut = RenderPane(Sample.Detail("c1", messages: [Sample.Visitor("c1", 1, "Look: https://shop.example.test/item/7")]));

        Assert.Equal("https://shop.example.test/item/7", cut.Find("[data-testid=message-text] a").GetAttribute("href"));
    }

    [Fact]
    public void Notes_show_among_the_messages_marked_as_internal()
    {
        var detail = Sample.Detail("c1", messages: [Sample.Visitor("c1", 1, "Hi"), Sample.Agent("c1", 2, "Hello")]) with
        {
            Notes =
            [
                new ChatNote("c1", "n1", NoteKind.Note, "Alice Agent", null, "Reseller, give trade price", Sample.Now.AddMinutes(-3.5)),
                new ChatNote("c1", "n2", NoteKind.Transfer, "Bob Boss", "Alice Agent", "Refund approved", Sample.Now.AddMinutes(-1)),
            ],
        };

        var cut = RenderPane(detail);

        var items = cut.FindAll("ol.transcript > li");
        Assert.Equal(["message", "note", "message", "note"], items.Select(i => i.GetAttribute("data-testid")));
        Assert.Contains("Internal note", items[1].TextContent, StringComparison.Ordinal);
        Assert.Equal("transfer", items[3].GetAttribute("data-kind"));
        Assert.Contains("Transferred the chat to Alice Agent", items[3].TextContent, StringComparison.Ordinal);
        Assert.Contains("Refund approved", items[3].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_visitors_unsent_text_shows_as_a_preview_and_as_text_only()
    {
        var cut = Render<ChatPane>(ps => ps
            .Add(p => p.Detail, Sample.Detail("c1", customer: "Carol"))
            .Add(p => p.AgentId, port.Agent.Id)
            .Add(p => p.VisitorTyping, true)
            .Add(p => p.TypingPreview, "Where is my <b>order</b>"));

        Assert.Equal("Where is my <b>order</b>", cut.Find("[data-testid=visitor-typing-preview]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=visitor-typing-preview] b"));
    }

    [Fact]
    public void Transfer_opens_the_dialog_and_reports_the_colleague_once_done()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        port.Colleagues.Add(new Colleague("a-sam", "Sam Small", null, Presence.Online, 0, 3));
        (string, string)? transferred = null;
        var cut = Render<ChatPane>(ps => ps
            .Add(p => p.Detail, Sample.Detail("c1"))
            .Add(p => p.AgentId, port.Agent.Id)
            .Add(p => p.OnTransferred, t => transferred = t));

        cut.Find("[data-testid=transfer]").Click();
        cut.Find("[data-testid=transfer-submit]").Click();

        Assert.Equal(("c1", "Sam Small"), transferred);
        Assert.Empty(cut.FindAll("[data-testid=transfer-dialog]"));
    }

    [Fact]
    public void A_resolved_chat_can_be_reopened()
    {
        string? reopened = null;
        var cut = Render<ChatPane>(ps => ps
            .Add(p => p.Detail, Sample.Detail("c1", status: "resolved"))
            .Add(p => p.AgentId, port.Agent.Id)
            .Add(p => p.OnReopened, id => reopened = id));

        Assert.Empty(cut.FindAll("[data-testid=transfer]"));
        cut.Find("[data-testid=reopen]").Click();

        Assert.Equal(["c1"], port.Reopened);
        Assert.Equal("c1", reopened);
    }

    [Theory]
    [InlineData("This is the third time I ask, where is my order", "angry words")]
    [InlineData("WHERE IS MY ORDER", "all capitals")]
    [InlineData("Hallo?? Ist da jemand", "repeated ! or ?")]
    public void An_upset_customer_is_cued_inside_the_open_chat_too(string text, string why)
    {
        var cut = RenderPane(Sample.Detail("c1", messages: [Sample.Visitor("c1", 1, text)]));

        Assert.Equal($"sounds upset: {why}", cut.Find("[data-testid=pane-mood-cue]").TextContent);
    }

    [Fact]
    public void The_mood_cue_goes_once_the_agent_has_answered_and_is_never_shown_for_a_calm_message()
    {
        var answered = RenderPane(Sample.Detail("c1", messages:
        [
            Sample.Visitor("c1", 1, "This is ridiculous"),
            Sample.Agent("c1", 2, "I am sorry for the wait, let me fix it now"),
        ]));
        var calm = RenderPane(Sample.Detail("c2", messages: [Sample.Visitor("c2", 1, "Is the blue one in stock?")]));

        Assert.Empty(answered.FindAll("[data-testid=pane-mood-cue]"));
        Assert.Empty(calm.FindAll("[data-testid=pane-mood-cue]"));
    }
}
