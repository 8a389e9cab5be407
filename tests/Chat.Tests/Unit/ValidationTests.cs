using Chat.Server;
using Chat.Server.Agents;
using Chat.Server.Conversations;
using Chat.Server.Customers;

namespace Chat.Tests.Unit;

public sealed class ValidationTests
{
    [Theory]
    [InlineData(null, "message_empty")]
    [InlineData(" \n\t", "message_empty")]
    public void Blank_messages_are_refused(string? text, string code) =>
        Assert.Equal(code, Assert.Throws<ChatRuleException>(() => MessageRules.ValidateText(text)).Code);

    [Fact]
    public void A_message_of_exactly_the_limit_passes_and_one_more_character_is_refused()
    {
        Assert.Equal(4000, MessageRules.ValidateText(new string('x', 4000)).Length);
        Assert.Equal("message_too_long", Assert.Throws<ChatRuleException>(() => MessageRules.ValidateText(new string('x', 4001))).Code);
    }

    [Fact]
    public void Text_is_kept_exactly_as_sent() =>
        Assert.Equal("  <b>hi</b>\n", MessageRules.ValidateText("  <b>hi</b>\n"));

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(-1)]
    public void Ratings_outside_one_to_five_are_refused(int rating) =>
        Assert.Equal("rating_invalid", Assert.Throws<ChatRuleException>(() => MessageRules.ValidateRating(rating, null)).Code);

    [Theory]
    [InlineData("ana@example.com", true)]
    [InlineData("Ana <ana@example.com>", false)]
    [InlineData("ana@", false)]
    [InlineData("", true)]
    public void Emails_are_optional_but_must_look_right(string email, bool accepted)
    {
        if (accepted)
        {
            VisitorInput.Validate("Ana", email);
        }
        else
        {
            Assert.Equal("email_invalid", Assert.Throws<ChatRuleException>(() => VisitorInput.Validate("Ana", email)).Code);
        }
    }

    [Fact]
    public void A_visitors_name_is_trimmed() => Assert.Equal("Ana", VisitorInput.Validate("  Ana ", null).Name);

    [Fact]
    public void Passwords_verify_only_against_their_own_hash()
    {
        var hash = Passwords.Hash("s3cret!");
        Assert.True(Passwords.Verify("s3cret!", hash));
        Assert.False(Passwords.Verify("s3cret", hash));
        Assert.False(Passwords.Verify("s3cret!", "garbage"));
        Assert.DoesNotContain("s3cret!", hash);
    }

    [Fact]
    public void Visitor_tokens_are_random_and_stored_only_as_a_hash()
    {
        var token = VisitorTokens.New();
        Assert.NotEqual(token, VisitorTokens.New());
        Assert.True(token.Length >= 40);
        Assert.NotEqual(token, VisitorTokens.Hash(token));
        Assert.Equal(VisitorTokens.Hash(token), VisitorTokens.Hash(token));
    }
}
