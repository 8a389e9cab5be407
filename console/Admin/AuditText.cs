using Chat.AgentConsole.Port;

namespace Chat.AgentConsole.Admin;

/// <summary>What each audit action is called on the page.</summary>
public static class AuditText
{
    public static string Describe(string action) => action switch
    {
        AuditActions.SignedIn => "Signed in",
        AuditActions.SignInFailed => "Sign-in failed",
        AuditActions.SignedOut => "Signed out",
        AuditActions.SiteCreated => "Site created",
        AuditActions.SiteUpdated => "Site changed",
        AuditActions.AgentCreated => "Agent created",
        AuditActions.AgentUpdated => "Agent changed",
        AuditActions.RoleChanged => "Role changed",
        AuditActions.AgentDisabled => "Agent disabled",
        AuditActions.AgentEnabled => "Agent enabled",
        AuditActions.AgentDeleted => "Agent deleted",
        AuditActions.AgentUnlocked => "Agent unlocked",
        AuditActions.PasswordReset => "Password reset",
        AuditActions.PasswordChanged => "Password changed",
        AuditActions.TwoFactorEnabled => "Two-factor turned on",
        AuditActions.SignInKeyCreated => "Sign-in key created",
        AuditActions.CustomerExported => "Customer's data exported",
        AuditActions.CustomerErased => "Customer erased",
        AuditActions.VisitorErasedHistory => "Visitor erased their history",
        AuditActions.ConversationsExpired => "Conversation erased (retention)",
        AuditActions.ApiKeyCreated => "API key created",
        AuditActions.ApiKeyRevoked => "API key revoked",
        AuditActions.WebhookCreated => "Webhook added",
        AuditActions.WebhookDeleted => "Webhook removed",
        AuditActions.WebhookDisabled => "Webhook disabled after a day of failures",
        _ => action,
    };
}
