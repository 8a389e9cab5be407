using System.Collections.Concurrent;
using System.Net;
using Chat.Server.Storage;
using Dapper;
using Microsoft.Extensions.Options;

namespace Chat.Server.Agents.SignIn;

/// <summary>
/// Slows down password guessing, per account and per address. After a few free failures each
/// further attempt must wait, twice as long each time; after more, the account is locked for a
/// while (its owner gets in once the lock passes; an admin can unlock it at once). An attempt
/// made too early is refused without looking at the password, so it teaches nothing.
/// An account's count lives in the database, so it holds on every node and across restarts.
/// Unknown emails get the same treatment in memory, so the answers never tell which emails exist.
/// </summary>
public sealed class SignInThrottle(Database database, TimeProvider time, IOptions<ChatOptions> options)
{
    public const string ThrottledCode = "sign_in_throttled";
    public const string LockedCode = "account_locked";

    /// <summary>Memory kept for unknown emails and addresses is bounded: past this, expired entries go.</summary>
    private const int MaxTracked = 10_000;

    private static readonly TimeSpan AddressMemory = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<string, Tally> _unknownAccounts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Tally> _addresses = new(StringComparer.Ordinal);

    private SignInOptions Settings => options.Value.SignIn;

    /// <summary>Refuses (<see cref="SignInRefusedException"/>) when this account or address must still wait.</summary>
    public async Task CheckAsync(string email, IPAddress? address, CancellationToken ct)
    {
        var now = time.NowMs();
        if (_addresses.TryGetValue(AddressKey(address), out var byAddress) && byAddress.NotBefore is { } addressWait && addressWait > now)
        {
            throw Throttled(addressWait - now);
        }

        var account = await AccountAsync(email, ct);
        if (account.NotBefore > now)
        {
            throw account.Failures >= Settings.LockAfterFailures ? Locked(account.NotBefore - now) : Throttled(account.NotBefore - now);
        }
    }

    /// <summary>A wrong password (or unknown email): counts against the account and the address.</summary>
    public async Task FailedAsync(string email, IPAddress? address, CancellationToken ct)
    {
        var now = time.NowMs();
        var account = await AccountAsync(email, ct);
        var failures = account.Failures + 1;
        var notBefore = NotBefore(failures, Settings.FreeFailuresPerAccount, now, lockable: true);
        if (account.AgentId is not null)
        {
            await database.RunAsync((c, token) => c.ExecuteAsync(new CommandDefinition(
                "UPDATE agents SET failed_sign_ins = @failures, locked_until = @notBefore WHERE id = @AgentId;",
                new { failures, notBefore, account.AgentId }, cancellationToken: token)), ct);
        }
        else
        {
            Track(_unknownAccounts, AgentStore.NormalizeEmail(email), new Tally(failures, notBefore, now));
        }

        var key = AddressKey(address);
        var earlier = _addresses.TryGetValue(key, out var tally) && now - tally.LastFailure < AddressMemory.TotalMilliseconds ? tally.Failures : 0;
        Track(_addresses, key, new Tally(earlier + 1, NotBefore(earlier + 1, Settings.FreeFailuresPerAddress, now, lockable: false), now));
    }

    /// <summary>The right password: the account starts afresh.</summary>
    public Task SucceededAsync(string agentId, CancellationToken ct) => ResetAsync(agentId, ct);

    /// <summary>An admin unlocked the account, or gave it a new password.</summary>
    public Task ResetAsync(string agentId, CancellationToken ct) =>
        database.RunAsync((c, token) => c.ExecuteAsync(new CommandDefinition(
            "UPDATE agents SET failed_sign_ins = 0, locked_until = NULL WHERE id = @agentId AND (failed_sign_ins <> 0 OR locked_until IS NOT NULL);",
            new { agentId }, cancellationToken: token)), ct);

    /// <summary>When the account is locked, for the admins' page; null when it is not.</summary>
    public async Task<DateTimeOffset?> LockedUntilAsync(string agentId, CancellationToken ct)
    {
        var row = await database.RunAsync((c, token) => c.QuerySingleOrDefaultAsync<(long Failures, long? LockedUntil)>(new CommandDefinition(
            "SELECT failed_sign_ins, locked_until FROM agents WHERE id = @agentId;", new { agentId }, cancellationToken: token)), ct);
        return row.Failures >= Settings.LockAfterFailures && row.LockedUntil > time.NowMs() ? Clock.FromMs(row.LockedUntil.Value) : null;
    }

    /// <summary>2 s after the first failure past the free ones, doubling up to the cap; a lock after too many.</summary>
    private long? NotBefore(int failures, int free, long now, bool lockable)
    {
        if (lockable && failures >= Settings.LockAfterFailures)
        {
            return now + (long)TimeSpan.FromMinutes(Settings.LockMinutes).TotalMilliseconds;
        }

        if (failures <= free)
        {
            return null;
        }

        var seconds = Math.Min(Settings.MaxDelaySeconds, Math.Pow(2, Math.Min(failures - free, 20)));
        return now + (long)(seconds * 1000);
    }

    private async Task<Account> AccountAsync(string email, CancellationToken ct)
    {
        var normalized = AgentStore.NormalizeEmail(email);
        var row = await database.RunAsync((c, token) => c.QuerySingleOrDefaultAsync<(string? Id, long Failures, long? LockedUntil)>(new CommandDefinition(
            "SELECT id, failed_sign_ins, locked_until FROM agents WHERE email = @normalized AND deleted_at IS NULL;", new { normalized }, cancellationToken: token)), ct);
        if (row.Id is not null)
        {
            return new Account(row.Id, (int)row.Failures, row.LockedUntil ?? 0);
        }

        return _unknownAccounts.TryGetValue(normalized, out var tally) ? new Account(null, tally.Failures, tally.NotBefore ?? 0) : new Account(null, 0, 0);
    }

    private void Track(ConcurrentDictionary<string, Tally> tallies, string key, Tally tally)
    {
        if (tallies.Count >= MaxTracked)
        {
            var now = time.NowMs();
            foreach (var (stale, _) in tallies.Where(t => (t.Value.NotBefore ?? 0) < now && now - t.Value.LastFailure > AddressMemory.TotalMilliseconds))
            {
                tallies.TryRemove(stale, out _);
            }
        }

        tallies[key] = tally;
    }

    private static string AddressKey(IPAddress? address) => address?.ToString() ?? "unknown";

    private static SignInRefusedException Throttled(long waitMs)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(waitMs / 1000.0));
        return new SignInRefusedException(ThrottledCode, $"Too many sign-in attempts. Try again in {seconds} seconds.", TimeSpan.FromSeconds(seconds));
    }

    private static SignInRefusedException Locked(long waitMs)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling(waitMs / 60_000.0));
        return new SignInRefusedException(LockedCode,
            $"This account is locked after too many wrong passwords. Try again in {minutes} minutes, or ask an admin to unlock it.", TimeSpan.FromMinutes(minutes));
    }

    private sealed record Account(string? AgentId, int Failures, long NotBefore);

    private sealed record Tally(int Failures, long? NotBefore, long LastFailure);
}

/// <summary>A sign-in refused before the password was looked at; <see cref="RetryAfter"/> says when to try again.</summary>
public sealed class SignInRefusedException(string code, string message, TimeSpan retryAfter) : Exception(message)
{
    public string Code { get; } = code;

    public TimeSpan RetryAfter { get; } = retryAfter;
}
