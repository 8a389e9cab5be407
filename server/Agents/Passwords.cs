using System.Security.Cryptography;

namespace Chat.Server.Agents;

/// <summary>PBKDF2-SHA256 with a per-password salt, stored as "pbkdf2-sha256$iterations$salt$hash".</summary>
public static class Passwords
{
    /// <summary>OWASP's count for PBKDF2-SHA256 (2023 on); configurable as Chat:SignIn:PasswordIterations.</summary>
    public const int DefaultIterations = 600_000;

    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public static string Hash(string password) => Hash(password, DefaultIterations);

    /// <summary>
    /// A hash with a chosen cost. Verify reads the count stored with each hash, so accounts
    /// seeded in bulk for tests and benchmarks can be cheap to sign in; real accounts use <see cref="Hash(string)"/>.
    /// </summary>
    public static string Hash(string password, int iterations)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, HashBytes);
        return $"pbkdf2-sha256${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    public static bool Verify(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts is not ["pbkdf2-sha256", var iterations, var salt, var hash] || !int.TryParse(iterations, out var count))
        {
            return false;
        }

        var expected = Convert.FromBase64String(hash);
        var actual = Rfc2898DeriveBytes.Pbkdf2(password, Convert.FromBase64String(salt), count, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>The iteration count a stored hash was made with; 0 when it cannot be read.</summary>
    public static int IterationsOf(string stored) =>
        stored.Split('$') is ["pbkdf2-sha256", var iterations, _, _] && int.TryParse(iterations, out var count) ? count : 0;

    /// <summary>A password people can type: 20 characters from an alphabet without look-alikes.</summary>
    public static string Generate()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return RandomNumberGenerator.GetString(alphabet, 20);
    }
}
