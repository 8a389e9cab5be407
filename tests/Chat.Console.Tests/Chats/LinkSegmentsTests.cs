using Chat.AgentConsole.Chats;

namespace Chat.AgentConsole.Tests.Chats;

public sealed class LinkSegmentsTests
{
    [Fact]
    public void Web_addresses_become_links_without_trailing_punctuation()
    {
        var segments = LinkSegments.Split("See https://example.test/help.");

        Assert.Equal(["See ", "https://example.test/help", "."], segments.Select(s => s.Text));
        Assert.NotNull(segments[1].Link);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    public void Other_schemes_stay_text(string text)
    {
        var segment = Assert.Single(LinkSegments.Split(text));

        Assert.Null(segment.Link);
        Assert.Equal(text, segment.Text);
    }
}
