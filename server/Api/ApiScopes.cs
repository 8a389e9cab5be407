namespace Chat.Server.Api;

/// <summary>What a key may do: <c>read</c> lists and gets; <c>write</c> also changes.</summary>
public static class ApiScopes
{
    public const string Read = "read";
    public const string Write = "write";

    public static readonly IReadOnlyList<string> All = [Read, Write];

    /// <summary>A key with write may also read: an integration that answers chats must see them.</summary>
    public static IReadOnlyList<string> Normalize(IEnumerable<string>? scopes)
    {
        var chosen = (scopes ?? []).Select(s => s?.Trim().ToLowerInvariant()).ToHashSet();
        if (chosen.Count == 0 || chosen.Any(s => s is not (Read or Write)))
        {
            throw new ChatRuleException("api_scopes_invalid", "Choose read, or read and write.");
        }

        return chosen.Contains(Write) ? [Read, Write] : [Read];
    }
}
