using System.Security.Cryptography;
using System.Text;
using Chat.Server.Storage;
using Dapper;
using Microsoft.AspNetCore.DataProtection;
using OtpNet;
using QRCoder;

namespace Chat.Server.Agents.TwoFactor;

/// <summary>
/// Two-factor sign-in by TOTP (RFC 6238, the codes of any authenticator app). An agent enrols by
/// scanning a QR code and typing one code back; only then is the secret kept, with ten one-time
/// recovery codes, shown once and stored hashed. A code is accepted once (the step it belongs to
/// is remembered), one step early or late for clocks that drift.
/// </summary>
public sealed class TwoFactor(Database database, TimeProvider time, IDataProtectionProvider protection)
{
    public const string RequiredCode = "second_factor_required";
    public const string InvalidCode = "two_factor_code_invalid";

    private const string Issuer = "Chat";
    private const int RecoveryCodeCount = 10;
    private static readonly TimeSpan PendingFor = TimeSpan.FromMinutes(5);

    private readonly ITimeLimitedDataProtector _pending = protection.CreateProtector("Chat.Agents.TwoFactor.Pending").ToTimeLimitedDataProtector();

    public async Task<bool> IsEnabledAsync(string agentId, CancellationToken ct) =>
        await database.RunAsync((c, token) => c.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT totp_secret FROM agents WHERE id = @agentId;", new { agentId }, cancellationToken: token)), ct) is not null;

    /// <summary>A new secret waiting for its first code, as a QR code (SVG) and as text to type.</summary>
    public async Task<(string Secret, string QrSvg)> StartAsync(string agentId, string email, CancellationToken ct)
    {
        var secret = Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20));
        await database.RunAsync((c, token) => c.ExecuteAsync(new CommandDefinition(
            "UPDATE agents SET totp_pending_secret = @secret WHERE id = @agentId;", new { agentId, secret }, cancellationToken: token)), ct);
        var uri = $"otpauth://totp/{Uri.EscapeDataString($"{Issuer}:{email}")}?secret={secret}&issuer={Issuer}";
        using var data = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(4);
        return (secret, svg);
    }

    /// <summary>Turns two-factor on when <paramref name="code"/> matches the pending secret; returns the recovery codes, once.</summary>
    public async Task<IReadOnlyList<string>> ConfirmAsync(string agentId, string code, CancellationToken ct)
    {
        var pending = await database.RunAsync((c, token) => c.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT totp_pending_secret FROM agents WHERE id = @agentId;", new { agentId }, cancellationToken: token)), ct);
        if (pending is null || Step(pending, code) is not { } step)
        {
            throw new ChatRuleException(InvalidCode, "That code is not right. Type the six digits your app shows now.");
        }

        var codes = Enumerable.Range(0, RecoveryCodeCount).Select(_ => RandomNumberGenerator.GetString("abcdefghjkmnpqrstuvwxyz23456789", 10)).ToList();
        await database.RunAsync(async (c, token) =>
        {
            await using var tx = await c.BeginTransactionAsync(token);
            await c.ExecuteAsync(new CommandDefinition(
                "UPDATE agents SET totp_secret = totp_pending_secret, totp_pending_secret = NULL, totp_last_step = @step WHERE id = @agentId;",
                new { agentId, step }, tx, cancellationToken: token));
            await c.ExecuteAsync(new CommandDefinition("DELETE FROM agent_recovery_codes WHERE agent_id = @agentId;", new { agentId }, tx, cancellationToken: token));
            foreach (var recovery in codes)
            {
                await c.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO agent_recovery_codes (agent_id, code_hash) VALUES (@agentId, @hash);",
                    new { agentId, hash = HashRecoveryCode(recovery) }, tx, cancellationToken: token));
            }

            await tx.CommitAsync(token);
        }, ct);
        return [.. codes.Select(FormatRecoveryCode)];
    }

    /// <summary>Whether <paramref name="code"/> is a current TOTP code not used before, or an unused recovery code (then spent).</summary>
    public async Task<bool> VerifyAsync(string agentId, string code, CancellationToken ct)
    {
        var secret = await database.RunAsync((c, token) => c.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT totp_secret FROM agents WHERE id = @agentId;", new { agentId }, cancellationToken: token)), ct);
        if (secret is null)
        {
            return false;
        }

        if (Step(secret, code) is { } step)
        {
            // Only a later step than the last one accepted: a code seen over someone's shoulder is already spent.
            return await database.RunAsync((c, token) => c.ExecuteAsync(new CommandDefinition(
                "UPDATE agents SET totp_last_step = @step WHERE id = @agentId AND totp_last_step < @step;",
                new { agentId, step }, cancellationToken: token)), ct) == 1;
        }

        var hash = HashRecoveryCode(code);
        return await database.RunAsync((c, token) => c.ExecuteAsync(new CommandDefinition(
            "UPDATE agent_recovery_codes SET used_at = @now WHERE agent_id = @agentId AND code_hash = @hash AND used_at IS NULL;",
            new { agentId, hash, now = time.NowMs() }, cancellationToken: token)), ct) == 1;
    }

    /// <summary>What the sign-in form carries between the password and the code: the agent, sealed, for five minutes.</summary>
    public string ProtectPending(string agentId) => _pending.Protect(agentId, PendingFor);

    public string? UnprotectPending(string? pending)
    {
        if (string.IsNullOrEmpty(pending))
        {
            return null;
        }

        try
        {
            return _pending.Unprotect(pending);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private long? Step(string secret, string code)
    {
        var digits = new string([.. (code ?? "").Where(char.IsAsciiDigit)]);
        if (digits.Length != 6)
        {
            return null;
        }

        var totp = new Totp(Base32Encoding.ToBytes(secret));
        return totp.VerifyTotp(time.GetUtcNow().UtcDateTime, digits, out var step, new VerificationWindow(previous: 1, future: 1)) ? step : null;
    }

    /// <summary>Recovery codes have 50 random bits: a plain SHA-256 is enough to keep a stolen database from using them.</summary>
    private static string HashRecoveryCode(string code) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(new string([.. code.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit)]))));

    private static string FormatRecoveryCode(string code) => $"{code[..5]}-{code[5..]}";
}
