using Chat.Server.Mentions;

namespace Chat.Tests.Unit;

public sealed class MentionFinderTests
{
    private static readonly (string Id, string Name)[] Team = [("sam", "Sam Small"), ("bea1", "Bea Stone"), ("bea2", "Bea Brook")];

    [Theory]
    [InlineData("@Sam please look", new[] { "sam" })]
    [InlineData("@sam small, please look", new[] { "sam" })]
    [InlineData("Ask @Bea Stone", new[] { "bea1" })]
    [InlineData("Ask @Bea", new string[0])]
    [InlineData("@Samuel knows", new string[0])]
    [InlineData("mail sam@example.com", new string[0])]
    [InlineData("(@Sam) and @Bea Brook.", new[] { "sam", "bea2" })]
    [InlineData("no at sign", new string[0])]
    public void Names_an_agent_by_full_name_or_an_unshared_first_name(string text, string[] expected) =>
        Assert.Equal(expected, MentionFinder.Find(text, Team));
}
