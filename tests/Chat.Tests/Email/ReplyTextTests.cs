using Chat.Server.Email;

namespace Chat.Tests.Email;

/// <summary>What is kept of a reply as mail programs write them: the visitor's words, not the history or the signature.</summary>
public sealed class ReplyTextTests
{
    [Theory]
    [InlineData("Thanks!\n\nOn Mon, 7 Jan 2030 at 10:00, Demo Shop <chat@shop.test> wrote:\n> We do.", "Thanks!")]
    [InlineData("Danke!\n\nAm Mo., 7. Jan. 2030 um 10:00 Uhr schrieb Demo Shop <chat@shop.test>:\n> Ja.", "Danke!")]
    [InlineData("Thanks!\r\n-----Original Message-----\r\nFrom: Demo Shop <chat@shop.test>", "Thanks!")]
    [InlineData("Thanks!\nFrom: Demo Shop <chat@shop.test>\nSent: Monday", "Thanks!")]
    [InlineData("Thanks!\n-- \nAna Lima\nCEO", "Thanks!")]
    [InlineData("Line one\nLine two\n\nPlease write your reply above this line. ##- - -##\nold", "Line one\nLine two")]
    [InlineData("> all quoted", "")]
    public void Keeps_only_what_the_visitor_wrote(string body, string expected) => Assert.Equal(expected, ReplyText.Strip(body));

    [Fact]
    public void An_html_only_reply_keeps_its_text_and_no_tags()
    {
        var message = new MimeKit.MimeMessage { Body = new MimeKit.TextPart("html") { Text = "<html><head><style>p{}</style></head><body><p>Yes <b>please</b></p><script>alert(1)</script><div>On Mon, Demo Shop wrote:</div><blockquote>old</blockquote></body></html>" } };
        Assert.Equal("Yes please", ReplyText.Of(message));
    }
}
