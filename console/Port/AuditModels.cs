namespace Chat.AgentConsole.Port;

/// <summary>
/// The names of what the audit log records. Stable: filters and exports use them, so a name
/// never changes once shipped.
/// </summary>
public static class AuditActions
{
    public const string SignedIn = "sign_in.succeeded";
    public const string SignInFailed = "sign_in.failed";
    public const string SignedOut = "sign_in.signed_out";
    public const string SiteCreated = "site.created";
    public const string SiteUpdated = "site.updated";
    public const string AgentCreated = "agent.created";
    public const string AgentUpdated = "agent.updated";
    public const string RoleChanged = "agent.role_changed";
    public const string AgentDisabled = "agent.disabled";
    public const string AgentEnabled = "agent.enabled";
    public const string AgentDeleted = "agent.deleted";
    public const string AgentUnlocked = "agent.unlocked";
    public const string PasswordReset = "password.reset";
    public const string PasswordChanged = "password.changed";
    public const string TwoFactorEnabled = "two_factor.enabled";
    public const string SignInKeyCreated = "sign_in_key.created";
    public const string CustomerExported = "customer.exported";
    public const string CustomerErased = "customer.erased";
    public const string VisitorErasedHistory = "customer.erased_by_visitor";
    public const string ConversationsExpired = "retention.erased";
    public const string ApiKeyCreated = "api_key.created";
    public const string ApiKeyRevoked = "api_key.revoked";
    public const string WebhookCreated = "webhook.created";
    public const string WebhookDeleted = "webhook.deleted";
    public const string WebhookDisabled = "webhook.disabled";

    /// <summary>Every action, for the console's filter.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        SignedIn, SignInFailed, SignedOut, SiteCreated, SiteUpdated, AgentCreated, AgentUpdated, RoleChanged, AgentDisabled,
        AgentEnabled, AgentDeleted, AgentUnlocked, PasswordReset, PasswordChanged, TwoFactorEnabled, SignInKeyCreated,
        CustomerExported, CustomerErased, VisitorErasedHistory, ConversationsExpired, ApiKeyCreated, ApiKeyRevoked,
        WebhookCreated, WebhookDeleted, WebhookDisabled,
    ];
}

/// <summary>One line of the audit log as admins read it.</summary>
/// <param name="ActorId">The agent who acted; null for the server itself (retention, sign-in keys) or a visitor.</param>
/// <param name="TargetType">What it was done to: agent, site, customer, conversation or sign_in_key.</param>
public sealed record AuditEntry(
    string Id,
    DateTimeOffset At,
    string? ActorId,
    string ActorName,
    string Action,
    string? TargetType,
    string? TargetId,
    string Detail,
    string? Address);

/// <summary>What to show; every part optional. <paramref name="Before"/> is the cursor of the page before (newest first).</summary>
public sealed record AuditFilter(string? ActorId = null, string? Action = null, DateTimeOffset? From = null, DateTimeOffset? To = null, string? Before = null);

/// <summary>A page of entries, newest first; <paramref name="Next"/> is the cursor of the following (older) page, null at the end.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, string? Next);

/// <summary>Everything stored about one customer, as a file to hand them.</summary>
/// <param name="Json">Profile, attributes, conversations with messages, notes, ratings, tags, pages and next actions.</param>
/// <param name="Transcript">The same conversations as plain text a person can read.</param>
public sealed record CustomerExport(string FileName, string Json, string Transcript);
