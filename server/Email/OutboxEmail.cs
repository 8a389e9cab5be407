namespace Chat.Server.Email;

/// <summary>What kind of email, as stored and as the admin's failed-mail list shows it.</summary>
public static class EmailKinds
{
    /// <summary>An agent's answer to a message left while nobody was online.</summary>
    public const string Answer = "answer";

    /// <summary>A live reply the visitor left the page before seeing.</summary>
    public const string MissedReply = "missed_reply";

    /// <summary>The whole conversation, on request.</summary>
    public const string Transcript = "transcript";

    /// <summary>The agent took the chat to email, with what they will do and by when.</summary>
    public const string Moved = "moved";

    /// <summary>A notice to the site's admins about the site (a webhook turned off), not to a visitor.</summary>
    public const string AdminNotice = "admin_notice";
}

public static class OutboxStatus
{
    public const string Queued = "queued";
    public const string Sending = "sending";
    public const string Sent = "sent";
    public const string Failed = "failed";
}

/// <summary>One email, written whole before anything is sent.</summary>
public sealed record OutboxEmail(
    string Id,
    string SiteId,
    string? ConversationId,
    string Kind,
    string ToAddress,
    string FromName,
    string? ReplyTo,
    string Subject,
    string TextBody,
    string HtmlBody,
    string DedupeKey,
    long CreatedAt,
    string Status,
    long Attempts,
    long NextAttemptAt,
    long? SentAt,
    string? LastError);
