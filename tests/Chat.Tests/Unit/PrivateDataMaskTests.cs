using Chat.Server.Privacy;

namespace Chat.Tests.Unit;

public sealed class PrivateDataMaskTests
{
    [Theory]
    [InlineData("4111 1111 1111 1111", "•••• •••• •••• 1111")]
    [InlineData("4111-1111-1111-1111", "•••• •••• •••• 1111")]
    [InlineData("4111111111111111", "•••• •••• •••• 1111")]
    [InlineData("4111.1111.1111.1111", "•••• •••• •••• 1111")]
    [InlineData("4111  1111  1111  1111", "•••• •••• •••• 1111")]
    [InlineData("4111 - 1111 - 1111 - 1111", "•••• •••• •••• 1111")]
    [InlineData("4111\u00A01111\u00A01111\u00A01111", "•••• •••• •••• 1111")]
    [InlineData("4111–1111–1111–1111", "•••• •••• •••• 1111")]
    [InlineData("４１１１ １１１１ １１１１ １１１１", "•••• •••• •••• 1111")] // full-width digits from an IME
    [InlineData("5500 0000 0000 0004", "•••• •••• •••• 0004")] // Mastercard
    [InlineData("3782 822463 10005", "•••• •••• •••• 0005")] // Amex, 15 digits in 4-6-5
    [InlineData("6011 0009 9013 9424", "•••• •••• •••• 9424")] // Discover
    [InlineData("4222222222222", "•••• •••• •••• 2222")] // 13-digit Visa
    [InlineData("6304 0000 0000 0000 018", "•••• •••• •••• 0018")] // 19-digit Maestro
    public void A_card_number_keeps_only_its_last_four(string text, string expected) =>
        Assert.Equal(expected, PrivateDataMask.Mask(text));

    [Theory]
    [InlineData("my card is 4111 1111 1111 1111, exp 12/29", "my card is •••• •••• •••• 1111, exp 12/29")]
    [InlineData("card:4111111111111111!", "card:•••• •••• •••• 1111!")]
    [InlineData("Karte 4111-1111-1111-1111 bitte belasten", "Karte •••• •••• •••• 1111 bitte belasten")]
    [InlineData("4111 1111 1111 1111 2 items", "•••• •••• •••• 1111 2 items")]
    [InlineData("order 12 card 4111 1111 1111 1111", "order 12 card •••• •••• •••• 1111")]
    [InlineData("first 4111111111111111 then 5500000000000004", "first •••• •••• •••• 1111 then •••• •••• •••• 0004")]
    [InlineData("line one\n4111 1111 1111 1111\nline three", "line one\n•••• •••• •••• 1111\nline three")]
    public void A_card_number_inside_other_text_is_masked_and_the_rest_kept(string text, string expected) =>
        Assert.Equal(expected, PrivateDataMask.Mask(text));

    [Theory]
    [InlineData("4111 1111 1111 1112")] // fails Luhn by one digit
    [InlineData("1234 5678 9012 3456")] // fails Luhn
    [InlineData("4111 1111 1111")] // 12 digits: too short
    [InlineData("41111111111111111111")] // 20 digits together: too long to be a card
    [InlineData("Order 2024-0815-4471 shipped")]
    [InlineData("Call +49 30 1234 5678 90")] // a phone number, whatever its digits add up to
    [InlineData("+4930123456789")]
    [InlineData("The total is 1.234.567,89 EUR")]
    [InlineData("Tracking 1Z999AA10123456784")] // letters break the run
    [InlineData("4111a1111b1111c1111")]
    [InlineData("")]
    [InlineData("Hello, how can I help?")]
    public void Near_misses_stay_as_they_were(string text) =>
        Assert.Same(text, PrivateDataMask.Mask(text));

    [Theory]
    [InlineData("DE89 3704 0044 0532 0130 00", "•••• •••• •••• •••• 3000")]
    [InlineData("DE89370400440532013000", "•••• •••• •••• •••• 3000")]
    [InlineData("de89 3704 0044 0532 0130 00", "•••• •••• •••• •••• 3000")]
    [InlineData("DE89-3704-0044-0532-0130-00", "•••• •••• •••• •••• 3000")]
    [InlineData("GB82 WEST 1234 5698 7654 32", "•••• •••• •••• •••• 5432")]
    [InlineData("AT61 1904 3002 3457 3201", "•••• •••• •••• •••• 3201")]
    [InlineData("CH93 0076 2011 6238 5295 7", "•••• •••• •••• •••• 2957")]
    [InlineData("NL91ABNA0417164300", "•••• •••• •••• •••• 4300")]
    [InlineData("FR14 2004 1010 0505 0001 3M02 606", "•••• •••• •••• •••• 2606")]
    [InlineData("NO93 8601 1117 947", "•••• •••• •••• •••• 7947")]
    public void An_iban_keeps_only_its_last_four(string text, string expected) =>
        Assert.Equal(expected, PrivateDataMask.Mask(text));

    [Theory]
    [InlineData("Bitte überweisen an DE89 3704 0044 0532 0130 00, danke!", "Bitte überweisen an •••• •••• •••• •••• 3000, danke!")]
    [InlineData("IBAN:DE89370400440532013000 BIC COBADEFFXXX", "IBAN:•••• •••• •••• •••• 3000 BIC COBADEFFXXX")]
    [InlineData("DE89 3704 0044 0532 0130 00 12 Euro", "•••• •••• •••• •••• 3000 12 Euro")]
    public void An_iban_inside_other_text_is_masked_and_the_rest_kept(string text, string expected) =>
        Assert.Equal(expected, PrivateDataMask.Mask(text));

    [Theory]
    [InlineData("DE88 3704 0044 0532 0130 00")] // one check digit off
    [InlineData("DE89 3704 0044 0532 0130 02")] // one account digit off
    [InlineData("DE89 3704 0044 0532 0130")] // too short for Germany
    [InlineData("DE89 3704 0044 0532 0130 000")] // too long for Germany
    [InlineData("XX89 3704 0044 0532 0130 00")] // no such country
    [InlineData("ADE89370400440532013000")] // inside a longer word
    [InlineData("DEMO 1234 ABCD 5678")]
    public void Iban_near_misses_stay_as_they_were(string text) =>
        Assert.Same(text, PrivateDataMask.Mask(text));

    [Theory]
    [InlineData("4111 1111 1111 1111")]
    [InlineData("DE89 3704 0044 0532 0130 00 and 5500 0000 0000 0004")]
    public void Masking_masked_text_changes_nothing(string text)
    {
        var once = PrivateDataMask.Mask(text);
        Assert.Same(once, PrivateDataMask.Mask(once));
        Assert.True(PrivateDataMask.WasMasked(once));
    }

    [Fact]
    public void Text_that_was_not_masked_is_not_marked() =>
        Assert.False(PrivateDataMask.WasMasked("Order 2024-0815-4471 shipped"));

    [Theory]
    [InlineData("my card is 4111 1111 11", "my card is ••••")] // unfinished: hidden whole
    [InlineData("my card is 4111 1111 1111 1111", "my card is •••• •••• •••• 1111")]
    [InlineData("DE89 3704 0044", "DE••••")]
    [InlineData("order 1234567", "order 1234567")] // seven digits: an order number, shown
    [InlineData("I need help", "I need help")]
    public void A_typing_preview_hides_any_long_number(string text, string expected) =>
        Assert.Equal(expected, PrivateDataMask.MaskPreview(text));

    [Theory]
    [InlineData("https://shop.test/pay?card=4111+1111+1111+1111", "https://shop.test/pay?card=•••• •••• •••• 1111")]
    [InlineData("https://shop.test/pay?card=4111%201111%201111%201111&x=1", "https://shop.test/pay?card=•••• •••• •••• 1111&x=1")]
    [InlineData("https://shop.test/pay?iban=DE89370400440532013000", "https://shop.test/pay?iban=•••• •••• •••• •••• 3000")]
    [InlineData("https://shop.test/orders/2024-0815?q=%20shoes", "https://shop.test/orders/2024-0815?q=%20shoes")]
    public void A_web_address_is_masked_even_behind_escapes(string address, string expected) =>
        Assert.Equal(expected, PrivateDataMask.MaskAddress(address));

    [Fact]
    public void Luhn_and_mod97_checks_agree_with_known_numbers()
    {
        Assert.True(CardNumbers.PassesLuhn([4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]));
        Assert.False(CardNumbers.PassesLuhn([4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2]));
        Assert.True(Ibans.PassesMod97("DE89370400440532013000"));
        Assert.False(Ibans.PassesMod97("DE89370400440532013001"));
    }

    [Fact]
    public void A_huge_text_of_digits_is_masked_quickly()
    {
        var text = string.Concat(Enumerable.Repeat("4111 1111 1111 1111 ", 200));
        var masked = PrivateDataMask.Mask(text);
        Assert.DoesNotContain("4111", masked, StringComparison.Ordinal);
    }
}
