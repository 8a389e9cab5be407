namespace Chat.AgentConsole.Tests.Fakes;

/// <summary>A clock that stands still, so wait times in assertions do not drift.</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
