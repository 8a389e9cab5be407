namespace Chat.Server.NextActions;

/// <summary>A promise on a conversation: what will be done, who owns it, by when; done once kept.</summary>
public sealed class NextActionRow
{
    public string Id { get; init; } = "";

    public string ConversationId { get; init; } = "";

    public string SiteId { get; init; } = "";

    public string ClientId { get; init; } = "";

    /// <summary>A <see cref="NextActionKinds"/>: a promise an agent set, or a complaint to turn round.</summary>
    public string Kind { get; init; } = NextActionKinds.Promise;

    /// <summary>Finishes "Alex will …", such as "email you the tracking number".</summary>
    public string What { get; init; } = "";

    public string OwnerId { get; init; } = "";

    public string OwnerName { get; init; } = "";

    public long DueAt { get; init; }

    public string CreatedBy { get; init; } = "";

    public long CreatedAt { get; init; }

    public long? RemindedAt { get; init; }

    public long? OverdueAt { get; init; }

    public long? DoneAt { get; init; }

    /// <summary>What was done, as the visitor is told.</summary>
    public string? Outcome { get; init; }

    public bool IsOpen => DoneAt is null;
}

public static class NextActionKinds
{
    public const string Promise = "promise";

    /// <summary>Opened by a rating of 1 or 2 or a complaint tag: thank, fix, follow up.</summary>
    public const string Complaint = "complaint";

    /// <summary>The agent took the chat to email: what they will send, by when (Email/MoveToEmail).</summary>
    public const string Email = "email";
}
