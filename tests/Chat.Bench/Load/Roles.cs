namespace Chat.Bench.Load;

/// <summary>The two ends of a conversation, spelled as the server spells a message's sender.</summary>
public static class Roles
{
    public const string Visitor = "visitor";
    public const string Agent = "agent";
}
