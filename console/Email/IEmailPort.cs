namespace Chat.AgentConsole.Email;

/// <summary>
/// What the console does with email: send a chat's transcript, take a chat to email, and (admins)
/// see the emails that failed after their last attempt and send them again. Refusals come out as
/// <see cref="Port.ConsoleActionException"/> with a stable code.
/// </summary>
public interface IEmailPort
{
    /// <summary>Mails the conversation to the visitor's email; false when the same transcript was sent already.</summary>
    Task<bool> EmailTranscriptAsync(string agentId, string conversationId, CancellationToken ct);

    /// <summary>
    /// Takes the chat to email: a next action "<paramref name="what"/>" due at <paramref name="due"/>,
    /// owned by the agent and shown to the visitor, and an email telling the visitor so.
    /// </summary>
    Task MoveToEmailAsync(string agentId, string conversationId, string clientId, string what, DateTimeOffset due, CancellationToken ct);

    /// <summary>Emails of the admin's sites that failed after their last attempt, newest first.</summary>
    Task<IReadOnlyList<FailedEmail>> FailedEmailsAsync(string adminId, CancellationToken ct);

    /// <summary>Puts a failed email back in the outbox for a fresh round of attempts.</summary>
    Task ResendAsync(string adminId, string emailId, CancellationToken ct);

    /// <summary>The email settings of each of the admin's sites.</summary>
    Task<IReadOnlyList<SiteEmailSettings>> EmailSettingsAsync(string adminId, CancellationToken ct);

    /// <summary>Saves one site's email settings (<c>from_name_invalid</c>, <c>missed_reply_minutes_invalid</c> otherwise).</summary>
    Task SaveEmailSettingsAsync(string adminId, SiteEmailSettings settings, CancellationToken ct);
}

/// <param name="FromName">The name emails come from; the site's name when empty.</param>
/// <param name="MissedReplyMinutes">How long a live reply waits for a visitor who left the page before it goes by email.</param>
public sealed record SiteEmailSettings(string SiteId, string SiteName, string? FromName, int MissedReplyMinutes);

/// <param name="Kind">answer, missed_reply, transcript, moved or admin_notice.</param>
/// <param name="Reason">What the mail server (or the connection) said on the last attempt.</param>
public sealed record FailedEmail(string Id, string SiteName, string Kind, string To, string Subject, DateTimeOffset CreatedAt, int Attempts, string? Reason);
