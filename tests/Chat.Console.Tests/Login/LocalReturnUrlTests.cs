using Chat.AgentConsole.Login;

namespace Chat.AgentConsole.Tests.Login;

public sealed class LocalReturnUrlTests
{
    [Theory]
    [InlineData("/console")]
    [InlineData("/console?chat=1")]
    public void Local_paths_are_kept(string url) => Assert.Equal(url, LocalReturnUrl.OrDefault(url));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("https://evil.test/")]
    [InlineData("//evil.test/")]
    [InlineData("/\\evil.test/")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/console\n")]
    public void Anything_else_goes_to_the_console(string? url) =>
        Assert.Equal("/console", LocalReturnUrl.OrDefault(url));
}
