using Chat.AgentConsole.Shared;
using Chat.AgentConsole.Tests.Fakes;

namespace Chat.AgentConsole.Tests.Shared;

public sealed class WaitTextTests
{
    [Theory]
    [InlineData(20, "<1 min")]
    [InlineData(150, "2 min")]
    [InlineData(3600, "1 h")]
    [InlineData(3900, "1 h 5 min")]
    public void Waits_read_at_a_glance(int seconds, string expected) =>
        Assert.Equal(expected, WaitText.Format(Sample.Now.AddSeconds(-seconds), Sample.Now));
}
