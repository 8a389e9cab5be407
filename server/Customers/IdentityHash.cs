using System.Security.Cryptography;
using System.Text;

namespace Chat.Server.Customers;

/// <summary>
/// The proof a shop gives that it vouches for a customer id: hex HMAC-SHA256 of the id with the
/// site's identity secret, made on the shop's server where the secret stays.
/// </summary>
public static class IdentityHash
{
    public static string Compute(string secret, string id) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(id)));

    /// <summary>Compares in constant time, so the time taken tells nothing about how much of a guess was right.</summary>
    public static bool Verify(string secret, string id, string? hash)
    {
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(id));
        if (hash is null || hash.Length != expected.Length * 2 || !hash.All(Uri.IsHexDigit))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(hash));
    }
}
