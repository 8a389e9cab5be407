using System.Security.Claims;

namespace Chat.AgentConsole.Tests;

public sealed class ConsoleAuthTests
{
    [Fact]
    public void The_principal_carries_the_agent_and_reads_back_its_id()
    {
        var agent = new AgentProfile("a-7", "Alice", "alice@example.test", "admin", 3);

        var user = ConsoleAuth.CreatePrincipal(agent);

        Assert.Equal("a-7", ConsoleAuth.AgentId(user));
        Assert.Equal("Alice", user.Identity?.Name);
        Assert.Equal("alice@example.test", user.FindFirst(ClaimTypes.Email)?.Value);
        Assert.True(user.IsInRole("admin"));
        Assert.Equal(ConsoleAuth.Scheme, user.Identity?.AuthenticationType);
    }

    [Fact]
    public void An_anonymous_user_has_no_agent_id()
    {
        var anonymous = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "a-7")]));

        Assert.Null(ConsoleAuth.AgentId(anonymous));
    }
}
