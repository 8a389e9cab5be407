namespace Chat.Server.Api;

/// <summary><c>Chat:Api</c>: how much one key may ask.</summary>
public sealed class ApiOptions
{
    public const string Section = "Chat:Api";

    /// <summary>Requests per key in any minute; past it the API answers 429 with Retry-After. Shared across nodes with Redis.</summary>
    public int RequestsPerMinute { get; set; } = 600;
}
