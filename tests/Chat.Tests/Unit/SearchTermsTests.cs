using Chat.Server.History;

namespace Chat.Tests.Unit;

/// <summary>What a typed search becomes: its words, and the highlight around them.</summary>
public sealed class SearchTermsTests
{
    [Theory]
    [InlineData("refund", new[] { "refund" })]
    [InlineData("  \"card\" AND (question*) ", new[] { "card", "AND", "question" })]
    [InlineData("'; DROP TABLE messages; --", new[] { "DROP", "TABLE", "messages" })]
    [InlineData("café-München  東京", new[] { "café", "München", "東京" })]
    [InlineData("Card card CARD", new[] { "Card" })]
    [InlineData("* % _ \" ' ^ : ( )", new string[0])]
    public void Only_words_are_kept(string query, string[] words) =>
        Assert.Equal(words, SearchTerms.Parse(query).Words);

    [Fact]
    public void Words_are_few_and_short_whatever_is_typed()
    {
        var terms = SearchTerms.Parse(string.Join(' ', Enumerable.Range(0, 100).Select(i => i + new string('a', 100))));

        Assert.Equal(SearchTerms.MaxTerms, terms.Words.Count);
        Assert.All(terms.Words, w => Assert.Equal(SearchTerms.MaxTermLength, w.Length));
        Assert.Equal("\"aa\"*", SearchTerms.Parse("aa").ToFts5());
        Assert.Equal("aa:* & bb:*", SearchTerms.Parse("AA bb").ToTsQuery());
    }

    [Fact]
    public void A_word_cut_short_never_splits_an_emoji_s_halves()
    {
        var word = new string('a', SearchTerms.MaxTermLength - 1) + "\U0001D400" + "b";

        var term = Assert.Single(SearchTerms.Parse(word).Words);

        Assert.False(char.IsHighSurrogate(term[^1]));
    }

    [Fact]
    public void The_words_that_match_are_marked_ignoring_case_and_accents()
    {
        var parts = SearchTerms.Parse("munchen refund").Highlight("Refunded to my München address");

        Assert.Equal(
            [("Refunded", true), (" to my ", false), ("München", true), (" address", false)],
            parts.Select(p => (p.Text, p.Match)));
    }

    [Fact]
    public void A_long_text_is_cut_around_the_first_match()
    {
        var text = new string('x', 500) + " invoice " + new string('y', 500);

        var parts = SearchTerms.Parse("invoice").Highlight(text, 90);

        Assert.Equal("…", parts[0].Text);
        Assert.Equal("…", parts[^1].Text);
        Assert.Contains(parts, p => p is { Text: "invoice", Match: true });
        Assert.True(string.Concat(parts.Select(p => p.Text)).Length <= 92);
    }
}
