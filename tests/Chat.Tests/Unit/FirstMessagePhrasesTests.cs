using Chat.Server.Insights;

namespace Chat.Tests.Unit;

public sealed class FirstMessagePhrasesTests
{
    [Theory]
    [InlineData("The tracking link is broken", new[] { "tracking", "link", "tracking link", "broken" })]
    [InlineData("Der Tracking-Link funktioniert nicht", new[] { "tracking", "link", "tracking link", "funktioniert", "link funktioniert" })]
    [InlineData("Can I pay with PayPal?", new[] { "pay", "paypal" })]
    [InlineData("Order 1001 and order #A-1002 never arrived", new[] { "order", "never", "arrived", "never arrived" })]
    [InlineData("Card •••• •••• •••• 1111 declined", new[] { "card", "declined" })]
    [InlineData("I’m still waiting, don’t you ship to Austria?", new[] { "waiting", "ship", "austria" })]
    [InlineData("Hallo, ich bin Ana Lima. Wo ist mein Paket?", new[] { "paket" })]
    [InlineData("REFUND refund Refund", new[] { "refund", "refund refund" })]
    public void First_messages_give_their_words_and_two_word_phrases_without_stop_words_numbers_or_names(string text, string[] expected) =>
        Assert.Equal(expected.Order(StringComparer.Ordinal), FirstMessagePhrases.Of(text, ["Ana Lima", "Alex Admin"]).Order(StringComparer.Ordinal));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("Hi! Hello? Thanks, ok")]
    [InlineData("12345 678 90")]
    [InlineData("Alex, Ana")]
    public void Nothing_of_substance_gives_nothing(string? text) => Assert.Empty(FirstMessagePhrases.Of(text, ["Ana Lima", "Alex Admin"]));
}
