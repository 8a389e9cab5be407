using Chat.AgentConsole.Chats;

namespace Chat.AgentConsole.Tests.Chats;

public sealed class SlashCommandTests
{
    private static readonly CannedReply[] Replies =
    [
        new("1", "s", "thanks", "Thanks {{customer.first_name}}!"),
        new("2", "s", "thanks-long", "Thank you so much, {{customer.name}}."),
        new("3", "s", "hello", "Hello, I am {{agent.name}} from {{site.name}}."),
    ];

    [Theory]
    [InlineData("/th", 0, "th")]
    [InlineData("/", 0, "")]
    [InlineData("Sure! /hel", 6, "hel")]
    [InlineData("Line one\n/thanks", 9, "thanks")]
    public void The_slash_word_at_the_end_is_found(string text, int start, string query)
    {
        Assert.Equal(new SlashCommand(start, query), SlashCommand.Find(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("see https://shop.test/thanks")]
    [InlineData("and/or")]
    [InlineData("/thanks ")]
    [InlineData("/what?")]
    public void Anything_else_is_not_a_slash_word(string text)
    {
        Assert.Null(SlashCommand.Find(text));
    }

    [Fact]
    public void Matches_are_replies_starting_with_the_query_shortest_first()
    {
        Assert.Equal(["thanks", "thanks-long"], SlashCommand.Find("/TH")!.Matches(Replies).Select(r => r.Shortcut));
        Assert.Equal(3, SlashCommand.Find("/")!.Matches(Replies).Count);
        Assert.Empty(SlashCommand.Find("/zzz")!.Matches(Replies));
    }

    [Fact]
    public void Applying_replaces_only_the_slash_word_and_fills_every_variable()
    {
        var values = CannedTemplate.ValuesFor("Ana Maria Lima", "Alex Admin", "Demo Shop");

        Assert.Equal("Great. Thanks Ana!", SlashCommand.Find("Great. /tha")!.Apply("Great. /tha", Replies[0], values));
        Assert.Equal("Thank you so much, Ana Maria Lima.", SlashCommand.Find("/t")!.Apply("/t", Replies[1], values));
        Assert.Equal("Hello, I am Alex Admin from Demo Shop.", SlashCommand.Find("/h")!.Apply("/h", Replies[2], values));
    }
}
