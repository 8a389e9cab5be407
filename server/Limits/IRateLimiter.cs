namespace Chat.Server.Limits;

/// <summary>
/// Counts hits per key over a sliding window. In process by default; a shared store (in Redis, a
/// sorted set of hit times per key, trimmed and counted in one script) makes the same limits hold
/// across nodes.
/// </summary>
public interface IRateLimiter
{
    /// <summary>Counts one hit on <paramref name="key"/>; false, and nothing counted, when the last <paramref name="window"/> already holds <paramref name="limit"/> hits.</summary>
    ValueTask<bool> TryAcquireAsync(string key, int limit, TimeSpan window, CancellationToken ct);
}
