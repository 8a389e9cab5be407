using System.Security.Cryptography;

namespace Chat.Server;

/// <summary>Opaque, unguessable ids: nothing can be learned or enumerated from them.</summary>
public static class Ids
{
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
}
