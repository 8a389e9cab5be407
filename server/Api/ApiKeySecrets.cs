using System.Security.Cryptography;
using System.Text;

namespace Chat.Server.Api;

/// <summary>
/// The shape of an API key: <c>chat_&lt;id&gt;_&lt;secret&gt;</c>. The id finds the row; only a SHA-256
/// of the 256-bit secret is stored, which is enough for that much entropy (as for visitor tokens),
/// so a stolen database holds no usable key.
/// </summary>
internal static class ApiKeySecrets
{
    private const string Prefix = "chat_";

    /// <summary>A new key for the id: the whole text, shown once, and the hash to store.</summary>
    public static (string Key, string Hash) Create(string id)
    {
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        return ($"{Prefix}{id}_{secret}", Hash(secret));
    }

    /// <summary>The id and secret of a presented key, or false when it does not have the shape.</summary>
    public static bool TryParse(string? key, out string id, out string secret)
    {
        (id, secret) = ("", "");
        if (key is null || key.Length > 200 || !key.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = key.AsSpan(Prefix.Length);
        var split = rest.IndexOf('_');
        if (split <= 0 || split == rest.Length - 1)
        {
            return false;
        }

        (id, secret) = (rest[..split].ToString(), rest[(split + 1)..].ToString());
        return true;
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Constant time, so the comparison tells nothing about how much of a guess was right.</summary>
    public static bool Matches(string secret, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(storedHash));
}
