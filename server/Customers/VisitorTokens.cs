using System.Security.Cryptography;
using System.Text;

namespace Chat.Server.Customers;

/// <summary>
/// A visitor's token is 256 random bits, so a fast hash is enough to make a stolen
/// database useless for impersonation; only the hash is stored.
/// </summary>
public static class VisitorTokens
{
    public static string New() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
