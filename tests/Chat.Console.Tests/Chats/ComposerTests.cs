using Chat.AgentConsole.Chats;
using Chat.AgentConsole.Tests.Fakes;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.AgentConsole.Tests.Chats;

public sealed class ComposerTests : BunitContext
{
    private readonly FakeConsolePort port = new();
    private readonly Drafts drafts = new();

    private static readonly CannedReply[] Replies =
    [
        new("r1", "site-1", "thanks", "Thanks {{customer.first_name}}! {{agent.name}} from {{site.name}}."),
        new("r2", "site-1", "thanks-order", "Thanks for your order, {{customer.name}}."),
        new("r3", "site-1", "hello", "Hello!"),
    ];

    public ComposerTests()
    {
        Services.AddSingleton<IConsolePort>(port);
    }

    private IRenderedComponent<Composer> RenderComposer(string conversationId = "c1", bool disabled = false, Action<ChatNote>? onNoted = null) =>
        Render<Composer>(ps => ps
            .Add(p => p.AgentId, port.Agent.Id)
            .Add(p => p.ConversationId, conversationId)
            .Add(p => p.CustomerName, "Carol Customer")
            .Add(p => p.Disabled, disabled)
            .Add(p => p.Drafts, drafts)
            .Add(p => p.CannedReplies, Replies)
            .Add(p => p.TemplateValues, CannedTemplate.ValuesFor("Carol Customer", "Alice Agent", "Shoe Shop"))
            .Add(p => p.OnNoted, onNoted ?? (_ => { })));

    private static void Press(IRenderedComponent<Composer> cut, string key, bool shift = false) =>
        cut.Find("[data-testid=composer]").KeyDown(new KeyboardEventArgs { Key = key, ShiftKey = shift });

    private static string Text(IRenderedComponent<Composer> cut) => cut.Find("[data-testid=composer]").GetAttribute("value") ?? "";

    [Fact]
    public void Typing_a_slash_offers_the_sites_replies_and_enter_fills_one_in_without_sending()
    {
        var cut = RenderComposer();

        cut.Find("[data-testid=composer]").Input("/tha");

        var options = cut.FindAll("[data-testid=canned-option]");
        Assert.Equal(2, options.Count);
        Assert.Contains("/thanks", options[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Thanks Carol! Alice Agent from Shoe Shop.", options[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("true", cut.Find("[data-testid=composer]").GetAttribute("aria-expanded"));

        Press(cut, "Enter");

        Assert.Equal("Thanks Carol! Alice Agent from Shoe Shop.", Text(cut));
        Assert.Empty(cut.FindAll("[data-testid=canned-suggestions]"));
        Assert.Empty(port.Sent);
    }

    [Fact]
    public void The_filled_reply_is_edited_before_it_is_sent()
    {
        var cut = RenderComposer();
        cut.Find("[data-testid=composer]").Input("Great! /hel");
        Press(cut, "Tab");
        Assert.Equal("Great! Hello!", Text(cut));

        cut.Find("[data-testid=composer]").Input("Great! Hello! How can I help?");
        Press(cut, "Enter");

        Assert.Equal("Great! Hello! How can I help?", Assert.Single(port.Sent).Text);
    }

    [Fact]
    public void Arrows_choose_a_suggestion_a_click_picks_one_and_escape_puts_them_away()
    {
        var cut = RenderComposer();
        cut.Find("[data-testid=composer]").Input("/thanks");

        Press(cut, "ArrowDown");
        Assert.Equal("true", cut.FindAll("[data-testid=canned-option]")[1].GetAttribute("aria-selected"));
        Press(cut, "Enter");
        Assert.Equal("Thanks for your order, Carol Customer.", Text(cut));

        cut.Find("[data-testid=composer]").Input("/h");
        Press(cut, "Escape");
        Assert.Empty(cut.FindAll("[data-testid=canned-option]"));
        Press(cut, "Enter");
        Assert.Equal("/h", Assert.Single(port.Sent).Text);

        cut.Find("[data-testid=composer]").Input("/hel");
        cut.Find("[data-testid=canned-option]").MouseDown();
        Assert.Equal("Hello!", Text(cut));
    }

    [Fact]
    public void A_canned_reply_is_counted_for_the_insights_once_the_reply_with_it_is_sent_even_when_edited()
    {
        var cut = RenderComposer();

        cut.Find("[data-testid=composer]").Input("/hel");
        Press(cut, "Enter");
        Assert.Empty(port.CannedUses);

        cut.Find("[data-testid=composer]").Input("Hello! Your parcel left today.");
        Press(cut, "Enter");
        Assert.Equal([("c1", "r3")], port.CannedUses);

        cut.Find("[data-testid=composer]").Input("Typed by hand");
        Press(cut, "Enter");
        Assert.Single(port.CannedUses);
    }

    [Fact]
    public void A_note_is_stored_as_a_note_and_never_sent_to_the_visitor()
    {
        ChatNote? noted = null;
        var cut = RenderComposer(onNoted: n => noted = n);

        cut.Find("[data-testid=mode-note]").Click();
        Assert.Equal("note", cut.Find("[data-testid=composer]").GetAttribute("data-mode"));
        cut.Find("[data-testid=composer]").Input("Customer is a reseller");
        Press(cut, "Enter");

        Assert.Equal(("c1", "Customer is a reseller"), port.Notes.Select(n => (n.ConversationId, n.Text)).Single());
        Assert.Empty(port.Sent);
        Assert.Empty(port.Typing);
        Assert.Equal("Customer is a reseller", noted?.Text);
        Assert.Equal("", Text(cut));
    }

    [Fact]
    public void A_reply_and_a_note_each_keep_their_own_draft()
    {
        var cut = RenderComposer();
        cut.Find("[data-testid=composer]").Input("Dear Carol,");

        cut.Find("[data-testid=mode-note]").Click();
        Assert.Equal("", Text(cut));
        cut.Find("[data-testid=composer]").Input("Check the refund first");
        cut.Find("[data-testid=mode-reply]").Click();

        Assert.Equal("Dear Carol,", Text(cut));
        Assert.Equal("Check the refund first", drafts.Get("c1", ComposerMode.Note));
    }

    [Fact]
    public void A_resolved_chat_takes_notes_but_no_replies()
    {
        var cut = RenderComposer(disabled: true);

        Assert.True(cut.Find("[data-testid=mode-reply]").HasAttribute("disabled"));
        cut.Find("[data-testid=composer]").Input("Refund sent after the chat");
        cut.Find("[data-testid=send]").Click();

        Assert.Single(port.Notes);
        Assert.Empty(port.Sent);
    }
}
