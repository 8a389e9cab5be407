using System.Diagnostics;
using Chat.Bench.Load;

namespace Chat.Tests.Bench;

/// <summary>The bench's message stamp reads back what it wrote, and never looks like a card number to the privacy guard.</summary>
public sealed class MessageStampTests
{
    [Theory]
    [InlineData(0L)]
    [InlineData(25L)]
    [InlineData(26L)]
    [InlineData(4_111_111_111_111_111L)]
    [InlineData(long.MaxValue)]
    public void A_stamp_reads_back_as_the_timestamp_it_carries(long timestamp)
    {
        var text = MessageStamp.Create(timestamp, 64);

        Assert.True(MessageStamp.TryRead(text, out var read));
        Assert.Equal(timestamp, read);
        Assert.Equal(64, text.Length);
    }

    [Fact]
    public void A_stamp_holds_no_digit_so_the_server_never_masks_it()
    {
        var text = MessageStamp.Create(Stopwatch.GetTimestamp(), 64);

        Assert.DoesNotContain(text, char.IsDigit);
    }

    [Fact]
    public void Text_that_is_not_a_stamp_is_not_read_as_one()
    {
        Assert.False(MessageStamp.TryRead("t12345 hello", out _));
        Assert.False(MessageStamp.TryRead("hello", out _));
    }
}
