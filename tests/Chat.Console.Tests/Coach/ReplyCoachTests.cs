using Chat.AgentConsole.Coach;

namespace Chat.AgentConsole.Tests.Coach;

/// <summary>The coach's rules on sentence fixtures: what each rule must catch, and the near-misses it must leave alone.</summary>
public sealed class ReplyCoachTests
{
    private static readonly CoachContext Later = new(IsFirstReply: false, "Ana Lima", HasOpenNextAction: false);

    private static IEnumerable<string> Rules(string draft, CoachContext? context = null) =>
        ReplyCoach.Advise(draft, context ?? Later).Select(h => h.Rule);

    [Theory]
    [InlineData("I'm sorry you feel that way about the delivery.")]
    [InlineData("I am sorry that you feel let down.")]
    [InlineData("Sorry it appears the parcel was late.")]
    [InlineData("I'm sorry if you think we were slow.")]
    [InlineData("Es tut mir leid, dass Sie das Gefühl haben, wir hätten nicht geholfen.")]
    [InlineData("Tut mir leid, wenn es so scheint, als wäre das Paket verloren.")]
    public void Doubting_the_customer_is_caught(string draft) => Assert.Contains(CoachRules.Doubting, Rules(draft));

    [Theory]
    [InlineData("I'm sorry the parcel was late, that should not happen.")]
    [InlineData("How do you feel about a replacement?")]
    [InlineData("Es tut mir leid, dass das Paket zu spät kam.")]
    public void Saying_sorry_for_what_happened_is_fine(string draft) => Assert.DoesNotContain(CoachRules.Doubting, Rules(draft));

    [Theory]
    [InlineData("Please contact our support for that.")]
    [InlineData("You could ask my manager tomorrow.")]
    [InlineData("Sorry, that's not my department.")]
    [InlineData("Please see our FAQ.")]
    [InlineData("Bitte wenden Sie sich an unseren Kundenservice.")]
    [InlineData("Dafür bin ich nicht zuständig.")]
    [InlineData("Schauen Sie in die FAQ.")]
    public void Passing_the_buck_is_caught(string draft) => Assert.Contains(CoachRules.PassingTheBuck, Rules(draft));

    [Theory]
    [InlineData("Please see our FAQ at https://shop.example.com/faq#returns")]
    [InlineData("I have asked our support team and they confirmed it.")]
    [InlineData("Our department store opens at nine.")]
    public void Pointing_somewhere_useful_is_fine(string draft) => Assert.DoesNotContain(CoachRules.PassingTheBuck, Rules(draft));

    [Theory]
    [InlineData("Sorry for the wait, we're really busy today.")]
    [InlineData("Our system is down at the moment.")]
    [InlineData("Wir haben gerade sehr viel zu tun.")]
    [InlineData("Wir sind total überlastet.")]
    public void Sharing_our_own_problems_is_caught(string draft) => Assert.Contains(CoachRules.OwnProblems, Rules(draft));

    [Theory]
    [InlineData("Is your order system showing the new address?")]
    [InlineData("We are busy packing your order right now.")]
    public void Near_misses_of_own_problems_are_fine(string draft) => Assert.DoesNotContain(CoachRules.OwnProblems, Rules(draft));

    [Theory]
    [InlineData("I'll get back to you this afternoon.")]
    [InlineData("I will email you by 3pm with the tracking number.")]
    [InlineData("I'll check and let you know.")]
    [InlineData("Ich melde mich heute noch bei Ihnen.")]
    [InlineData("Ich schicke Ihnen die Rechnung bis morgen.")]
    public void A_promise_without_a_next_action_offers_one(string draft)
    {
        var hint = Assert.Single(ReplyCoach.Advise(draft, Later), h => h.Rule == CoachRules.PromiseWithoutAction);
        Assert.True(hint.OffersNextAction);
    }

    [Theory]
    [InlineData("You'll get an email from the carrier.")]
    [InlineData("Did you get back home safely?")]
    [InlineData("Melden Sie sich gerne, wenn noch etwas ist.")]
    public void Near_misses_of_a_promise_are_fine(string draft) => Assert.DoesNotContain(CoachRules.PromiseWithoutAction, Rules(draft));

    [Fact]
    public void A_promise_with_a_next_action_already_set_needs_no_hint() =>
        Assert.DoesNotContain(CoachRules.PromiseWithoutAction, Rules("I'll get back to you today.", Later with { HasOpenNextAction = true }));

    [Theory]
    [InlineData("Hello, how can I help you today?", "Ana Lima", true)]
    [InlineData("Hi Ana, how can I help you today?", "Ana Lima", false)]
    [InlineData("hi ana! how can I help?", "Ana Lima", false)]
    [InlineData("Hello, how can I help you today?", "Visitor", false)]
    [InlineData("Hello, how can I help you today?", "Customer shop-7", false)]
    public void The_first_reply_uses_the_customers_name(string draft, string customer, bool hinted) =>
        Assert.Equal(hinted, Rules(draft, new CoachContext(true, customer, false)).Contains(CoachRules.NoName));

    [Fact]
    public void Later_replies_need_no_name() =>
        Assert.DoesNotContain(CoachRules.NoName, Rules("Hello, how can I help you today?"));

    [Fact]
    public void A_canned_reply_sent_unchanged_again_and_again_asks_for_a_personal_touch()
    {
        Assert.DoesNotContain(CoachRules.CannedAgain, Rules("Thanks for your patience!", Later with { UnchangedCannedSends = 1 }));
        Assert.Contains(CoachRules.CannedAgain, Rules("Thanks for your patience!", Later with { UnchangedCannedSends = 2 }));
    }

    [Fact]
    public void The_advice_speaks_the_language_of_the_draft()
    {
        var german = Assert.Single(ReplyCoach.Advise("Wir haben gerade sehr viel zu tun, bitte warten Sie.", Later));
        Assert.StartsWith("Unsere eigenen Probleme", german.Text);
        var english = Assert.Single(ReplyCoach.Advise("We're really busy, please wait.", Later));
        Assert.StartsWith("Keep our own problems", english.Text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ok")]
    [InlineData("Your parcel left our warehouse this morning.")]
    public void An_ordinary_reply_gets_no_advice(string draft) => Assert.Empty(Rules(draft));
}
