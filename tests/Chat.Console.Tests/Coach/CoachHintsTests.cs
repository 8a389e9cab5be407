using Chat.AgentConsole.Chats;
using Chat.AgentConsole.Coach;
using Chat.AgentConsole.Tests.Fakes;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.AgentConsole.Tests.Coach;

/// <summary>The reply coach in the composer: hints come and go with the draft, are counted, and never stop Send.</summary>
public sealed class CoachHintsTests : BunitContext
{
    private readonly FakeConsolePort port = new();
    private readonly CoachMemory memory = new();
    private int offers;

    private static readonly CannedReply[] Replies = [new("r1", "site-1", "wait", "Thanks for your patience, we are on it.")];

    public CoachHintsTests() => Services.AddSingleton<IConsolePort>(port);

    private IRenderedComponent<Composer> RenderComposer(bool firstReply = false, bool openAction = false) =>
        Render<Composer>(ps => ps
            .Add(p => p.AgentId, port.Agent.Id)
            .Add(p => p.ConversationId, "c1")
            .Add(p => p.CustomerName, "Carol Customer")
            .Add(p => p.Drafts, new Drafts())
            .Add(p => p.CannedReplies, Replies)
            .Add(p => p.IsFirstReply, firstReply)
            .Add(p => p.HasOpenNextAction, openAction)
            .Add(p => p.CoachMemory, memory)
            .Add(p => p.OnOfferNextAction, () => offers++));

    private static IEnumerable<string?> Shown(IRenderedComponent<Composer> cut) =>
        cut.FindAll("[data-testid=coach-hint]").Select(h => h.GetAttribute("data-rule"));

    [Fact]
    public void A_hint_appears_as_the_agent_types_and_goes_when_the_draft_is_fixed_counted_as_followed()
    {
        var cut = RenderComposer(firstReply: true);
        var composer = cut.Find("[data-testid=composer]");

        composer.Input("Hello, how can I help you today?");
        Assert.Equal([CoachRules.NoName], Shown(cut));
        Assert.Equal("First reply: greet the customer by name.", cut.Find("[data-testid=coach-hint] span").TextContent);

        cut.Find("[data-testid=composer]").Input("Hello Carol, how can I help you today?");
        Assert.Empty(Shown(cut));
        Assert.Equal([(CoachRules.NoName, CoachOutcome.Shown), (CoachRules.NoName, CoachOutcome.Followed)], port.CoachCounts.Select(c => (c.Rule, c.Outcome)));
    }

    [Fact]
    public void A_dismissed_hint_stays_away_for_this_draft_and_send_is_never_blocked()
    {
        var cut = RenderComposer();
        cut.Find("[data-testid=composer]").Input("Sorry, we're really busy today.");
        Assert.Equal([CoachRules.OwnProblems], Shown(cut));

        cut.Find("[data-testid=coach-dismiss]").Click();
        Assert.Empty(Shown(cut));
        cut.Find("[data-testid=composer]").Input("Sorry, we're really busy today!");
        Assert.Empty(Shown(cut));
        Assert.Contains((CoachRules.OwnProblems, CoachOutcome.Dismissed), port.CoachCounts.Select(c => (c.Rule, c.Outcome)));

        cut.Find("[data-testid=composer]").KeyDown(new KeyboardEventArgs { Key = "Enter" });
        Assert.Equal("Sorry, we're really busy today!", Assert.Single(port.Sent).Text);
    }

    [Fact]
    public void A_promise_offers_a_next_action_unless_one_is_open()
    {
        var cut = RenderComposer();
        cut.Find("[data-testid=composer]").Input("I'll get back to you this afternoon.");
        cut.Find("[data-testid=coach-set-next-action]").Click();

        Assert.Equal(1, offers);
        Assert.Empty(Shown(cut));
        Assert.Contains((CoachRules.PromiseWithoutAction, CoachOutcome.Followed), port.CoachCounts.Select(c => (c.Rule, c.Outcome)));

        var withAction = RenderComposer(openAction: true);
        withAction.Find("[data-testid=composer]").Input("I'll get back to you this afternoon.");
        Assert.Empty(Shown(withAction));
    }

    [Fact]
    public void A_canned_reply_sent_unchanged_again_and_again_asks_for_a_personal_touch()
    {
        var cut = RenderComposer();
        for (var i = 0; i < 2; i++)
        {
            cut.Find("[data-testid=composer]").Input("Thanks for your patience, we are on it.");
            Assert.DoesNotContain(CoachRules.CannedAgain, Shown(cut));
            cut.Find("[data-testid=send]").Click();
        }

        cut.Find("[data-testid=composer]").Input("Thanks for your patience, we are on it.");
        Assert.Contains(CoachRules.CannedAgain, Shown(cut));
        cut.Find("[data-testid=composer]").Input("Thanks for your patience, Carol, we are on it.");
        Assert.DoesNotContain(CoachRules.CannedAgain, Shown(cut));
    }

    [Fact]
    public void Notes_get_no_coaching()
    {
        var cut = RenderComposer();
        cut.Find("[data-testid=mode-note]").Click();
        cut.Find("[data-testid=composer]").Input("We're really busy, I'll get back to them later.");
        Assert.Empty(Shown(cut));
        Assert.Empty(port.CoachCounts);
    }
}
