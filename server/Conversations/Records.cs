namespace Chat.Server.Conversations;

/// <summary>Conversation states: waiting for an agent, with an agent, done; or a message left while nobody was there.</summary>
public static class ConversationStatus
{
    public const string Queued = "queued";
    public const string Open = "open";
    public const string Resolved = "resolved";

    /// <summary>
    /// Left through the widget's leave-a-message form when nobody was online or outside business
    /// hours. Never routed live: it waits in the console's queue for an agent to follow up.
    /// </summary>
    public const string FollowUp = "follow_up";
}

public static class SenderKinds
{
    public const string Visitor = "visitor";
    public const string Agent = "agent";
    public const string System = "system";
}

// Integers are long because that is what SQLite hands back, and Dapper maps records by exact type.
public sealed record ConversationRow(
    string Id,
    string SiteId,
    string CustomerId,
    string? AgentId,
    string? AgentName,
    string Status,
    long CreatedAt,
    long? AssignedAt,
    long? FirstResponseAt,
    long? ResolvedAt,
    long? Rating,
    string? RatingComment,
    long LastSeq);

public sealed record MessageRow(
    string ConversationId,
    long Seq,
    string ClientId,
    string Sender,
    string? SenderId,
    string SenderName,
    string Text,
    long CreatedAt);

/// <summary>Who is writing: a visitor (customer) or an agent, with the name the transcript keeps.</summary>
public sealed record Author(string Kind, string Id, string Name);
