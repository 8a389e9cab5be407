using System.Collections.Concurrent;
using System.Security.Cryptography;
using Chat.Server.Storage;
using Dapper;

namespace Chat.Server.Agents.Sessions;

/// <summary>
/// Whether an agent's session is still good. Every sign-in cookie carries the agent's security
/// stamp; changing the stamp (sign-out, password change or reset, disable, delete, role change)
/// ends every session of that agent at once: old cookies are refused on the next request, and
/// open agent-hub connections and console circuits are closed through <see cref="Ended"/>.
/// Stamps are cached per node, so checking a hub call or a request costs a dictionary look-up;
/// a change is announced to the other nodes (<see cref="SessionEndings"/>), and a cached stamp
/// is read again after <see cref="CacheFor"/> at the latest, in case that announcement was lost.
/// </summary>
public sealed class AgentSessions(Database database, TimeProvider time, SessionEndings endings)
{
    public const string StampClaim = Chat.AgentConsole.ConsoleAuth.SessionClaim;

    /// <summary>The longest a node trusts a cached stamp without reading it again.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(15);

    private readonly ConcurrentDictionary<string, Cached> _stamps = new(StringComparer.Ordinal);

    /// <summary>Raised on every node for an agent whose sessions ended; handlers must not block.</summary>
    public event Action<string>? Ended;

    /// <summary>The stamp a new session of this agent carries, or null when the agent may not sign in (disabled, deleted, unknown).</summary>
    public async ValueTask<string?> CurrentStampAsync(string agentId, CancellationToken ct)
    {
        if (_stamps.TryGetValue(agentId, out var cached) && time.GetElapsedTime(cached.ReadAt) < CacheFor)
        {
            return cached.Stamp;
        }

        var row = await database.RunAsync((c, token) => c.QuerySingleOrDefaultAsync<(string? Stamp, long? DisabledAt, long? DeletedAt)>(new CommandDefinition(
            "SELECT security_stamp, disabled_at, deleted_at FROM agents WHERE id = @agentId;", new { agentId }, cancellationToken: token)), ct);
        var stamp = row.Stamp is null || row.DisabledAt is not null || row.DeletedAt is not null ? null : row.Stamp;
        _stamps[agentId] = new Cached(stamp, time.GetTimestamp());
        return stamp;
    }

    /// <summary>Whether a session carrying <paramref name="stamp"/> is still good. Cheap: no database read while the stamp is cached.</summary>
    public async ValueTask<bool> IsCurrentAsync(string? agentId, string? stamp, CancellationToken ct) =>
        agentId is not null && stamp is not null && await CurrentStampAsync(agentId, ct) is { } current
        && CryptographicOperations.FixedTimeEquals(
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(current.AsSpan()), System.Runtime.InteropServices.MemoryMarshal.AsBytes(stamp.AsSpan()));

    /// <summary>
    /// Ends every session of the agent: a new stamp is stored, so no cookie issued before counts,
    /// and every node closes the agent's open connections and consoles.
    /// </summary>
    public async Task EndAllAsync(string agentId, CancellationToken ct)
    {
        var stamp = NewStamp();
        await database.RunAsync((c, token) => c.ExecuteAsync(new CommandDefinition(
            "UPDATE agents SET security_stamp = @stamp WHERE id = @agentId;", new { agentId, stamp }, cancellationToken: token)), ct);
        Forget(agentId);
        await endings.AnnounceAsync(agentId, ct);
    }

    /// <summary>The stamp of this agent changed somewhere: read it again, and close what this node holds of theirs.</summary>
    internal void Forget(string agentId)
    {
        _stamps.TryRemove(agentId, out _);
        Ended?.Invoke(agentId);
    }

    public static string NewStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    private sealed record Cached(string? Stamp, long ReadAt);
}
