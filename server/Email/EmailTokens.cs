using System.Security.Cryptography;
using System.Text;
using Chat.Server.Storage;
using Dapper;

namespace Chat.Server.Email;

/// <summary>Where a token from an email leads: one conversation and its customer.</summary>
public sealed record EmailTokenTarget(string ConversationId, string CustomerId);

/// <summary>
/// The unguessable token each email carries in its Reply-To (<c>reply+TOKEN@domain</c>) and its
/// reopen link. 128 random bits, stored only as a hash, so a stolen database opens no chats.
/// </summary>
public sealed class EmailTokens(Database database, TimeProvider time)
{
    /// <summary>The longest token accepted from outside; anything longer is not one of ours.</summary>
    public const int MaxLength = 64;

    public async Task<string> NewAsync(string conversationId, string customerId, CancellationToken ct)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await database.RunAsync((c, t) => c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO email_tokens (token_hash, conversation_id, customer_id, created_at) VALUES (@hash, @conversationId, @customerId, @now);",
            new { hash = Hash(token), conversationId, customerId, now = time.NowMs() }, cancellationToken: t)), ct);
        return token;
    }

    public async Task<EmailTokenTarget?> FindAsync(string? token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxLength || !token.All(char.IsAsciiHexDigitLower))
        {
            return null;
        }

        return await database.RunAsync((c, t) => c.QuerySingleOrDefaultAsync<EmailTokenTarget>(new CommandDefinition(
            "SELECT conversation_id AS ConversationId, customer_id AS CustomerId FROM email_tokens WHERE token_hash = @hash;",
            new { hash = Hash(token) }, cancellationToken: t)), ct);
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
