using Chat.AgentConsole.Chats;
using Chat.AgentConsole.Tests.Fakes;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.AgentConsole.Tests.Chats;

/// <summary>Typing "@Sa" in a note offers the site's colleagues; a reply offers nothing.</summary>
public sealed class MentionCompletionTests : BunitContext
{
    private readonly FakeConsolePort port = new();

    public MentionCompletionTests()
    {
        Services.AddSingleton<IConsolePort>(port);
        port.MentionNames.AddRange(["Sam Small", "Bea Stone", "Samira Khan"]);
    }

    private IRenderedComponent<Composer> RenderComposer() =>
        Render<Composer>(ps => ps
            .Add(p => p.AgentId, port.Agent.Id)
            .Add(p => p.ConversationId, "c1")
            .Add(p => p.CustomerName, "Carol Customer")
            .Add(p => p.Drafts, new Drafts()));

    private static string Text(IRenderedComponent<Composer> cut) => cut.Find("[data-testid=composer]").GetAttribute("value") ?? "";

    private static void Press(IRenderedComponent<Composer> cut, string key) =>
        cut.Find("[data-testid=composer]").KeyDown(new KeyboardEventArgs { Key = key });

    [Fact]
    public void In_a_note_an_at_sign_offers_colleagues_and_enter_completes_the_name_without_adding_the_note()
    {
        var cut = RenderComposer();
        cut.Find("[data-testid=mode-note]").Click();

        cut.Find("[data-testid=composer]").Input("Could you check this @sa");

        Assert.Equal(["@Sam Small", "@Samira Khan"], cut.FindAll("[data-testid=mention-option]").Select(o => o.TextContent));
        Press(cut, "ArrowDown");
        Press(cut, "Enter");

        Assert.Equal("Could you check this @Samira Khan ", Text(cut));
        Assert.Empty(cut.FindAll("[data-testid=mention-suggestions]"));
        Assert.Empty(port.Notes);
    }

    [Fact]
    public void A_reply_an_email_address_and_escape_offer_no_colleagues()
    {
        var cut = RenderComposer();

        cut.Find("[data-testid=composer]").Input("Hi @Sa");
        Assert.Empty(cut.FindAll("[data-testid=mention-option]"));

        cut.Find("[data-testid=mode-note]").Click();
        cut.Find("[data-testid=composer]").Input("mail sam@example");
        Assert.Empty(cut.FindAll("[data-testid=mention-option]"));

        cut.Find("[data-testid=composer]").Input("ask @B");
        Assert.Single(cut.FindAll("[data-testid=mention-option]"));
        Press(cut, "Escape");
        Assert.Empty(cut.FindAll("[data-testid=mention-option]"));
        Assert.Equal("ask @B", Text(cut));
    }
}
