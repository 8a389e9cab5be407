using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Chat.Server.Webhooks;

/// <summary>
/// <c>Chat-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c>, where v1 is the HMAC-SHA256 of
/// <c>t + "." + body</c> with the endpoint's secret. The time is signed too, so a receiver can
/// refuse a replay of an old delivery (docs/api.md shows the check in C#, Node and PHP).
/// </summary>
public static class WebhookSignature
{
    public const string Header = "Chat-Signature";

    public static string Sign(string secret, long unixSeconds, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{unixSeconds}.{body}")));
        return string.Create(CultureInfo.InvariantCulture, $"t={unixSeconds},v1={Convert.ToHexStringLower(mac)}");
    }

    /// <summary>A receiver's check, as documented; constant time, and only within <paramref name="tolerance"/> of now.</summary>
    public static bool Verify(string secret, string header, string body, DateTimeOffset now, TimeSpan tolerance)
    {
        var parts = header.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0].Trim(), p => p[1].Trim());
        if (!parts.TryGetValue("t", out var t) || !long.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) || !parts.ContainsKey("v1"))
        {
            return false;
        }

        if (Math.Abs(now.ToUnixTimeSeconds() - seconds) > tolerance.TotalSeconds)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(secret, seconds, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(header.Trim()));
    }
}
