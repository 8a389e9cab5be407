namespace Chat.AgentConsole.Chats;

/// <summary>The conversation status the console acts on; the port carries statuses as strings.</summary>
public static class ChatStatus
{
    /// <summary>Spelled as in docs/protocol.md ("queued" | "open" | "resolved").</summary>
    public const string Resolved = "resolved";

    public static bool IsResolved(string? status) =>
        string.Equals(status, Resolved, StringComparison.OrdinalIgnoreCase);
}
