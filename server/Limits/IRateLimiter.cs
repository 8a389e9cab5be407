namespace Chat.Server.Limits;

/// <summary>
/// Counts hits per key in fixed windows. In process by default; a shared store (Redis INCR with
/// an expiry) makes the same limits hold across nodes.
/// </summary>
public interface IRateLimiter
{
    /// <summary>Counts one hit on <paramref name="key"/>; false, and nothing counted, when the window already holds <paramref name="limit"/> hits.</summary>
    ValueTask<bool> TryAcquireAsync(string key, int limit, TimeSpan window, CancellationToken ct);
}
