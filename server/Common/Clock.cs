namespace Chat.Server;

/// <summary>
/// Times are stored as Unix milliseconds so every database keeps them the same way. "Now" always
/// comes from the injected <see cref="TimeProvider"/>, so tests of waits, grace periods and
/// business hours move a fake clock instead of waiting.
/// </summary>
public static class Clock
{
    public static long NowMs(this TimeProvider time) => time.GetUtcNow().ToUnixTimeMilliseconds();

    public static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
