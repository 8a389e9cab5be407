namespace Chat.AgentConsole.Api;

/// <summary>An API key as its admins see it; the key itself is shown once, when created.</summary>
public sealed record ApiKeyView(string Id, string Name, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

/// <summary>A new key: <paramref name="Key"/> is not stored and cannot be shown again.</summary>
public sealed record CreatedApiKey(ApiKeyView Info, string Key);

/// <summary>Where a site's events go. <paramref name="DisabledAt"/> is set after a day of failures, or by an admin.</summary>
public sealed record WebhookView(
    string Id, string Url, IReadOnlyList<string> Events, bool AllowPrivate, DateTimeOffset CreatedAt, DateTimeOffset? FailingSince, DateTimeOffset? DisabledAt);

/// <summary>A new webhook: <paramref name="Secret"/> signs its deliveries; copy it now.</summary>
public sealed record CreatedWebhook(WebhookView Info, string Secret);

/// <summary>What an admin fills in to add a webhook.</summary>
public sealed record WebhookDraft(string Url, IReadOnlyList<string> Events, bool AllowPrivate);

/// <summary>One event sent (or being sent) to an endpoint: a line of its delivery log.</summary>
/// <param name="Status">pending, delivered or failed (gave up after a day).</param>
public sealed record WebhookDeliveryView(
    string Id, string EventId, string EventType, string Status, int Attempts, DateTimeOffset CreatedAt,
    DateTimeOffset? LastAttemptAt, int? LastResponseCode, string? LastError, DateTimeOffset? NextAttemptAt);

/// <summary>An attribute customers of the site may have, and its type: text, number or boolean.</summary>
public sealed record AttributeDefinitionView(string Name, string Type);

/// <summary>
/// The API page of the admin console: keys, webhooks and their delivery logs, custom attributes.
/// Every call checks that the admin belongs to the site, reading the role from the database;
/// refusals are <c>ConsoleActionException</c>s with a code.
/// </summary>
public interface IApiAdminPort
{
    /// <summary>The names of the events a webhook can subscribe to.</summary>
    IReadOnlyList<string> WebhookEvents { get; }

    Task<IReadOnlyList<ApiKeyView>> GetKeysAsync(string adminId, string siteId, CancellationToken ct);

    Task<CreatedApiKey> CreateKeyAsync(string adminId, string siteId, string name, IReadOnlyList<string> scopes, CancellationToken ct);

    Task RevokeKeyAsync(string adminId, string siteId, string keyId, CancellationToken ct);

    Task<IReadOnlyList<WebhookView>> GetWebhooksAsync(string adminId, string siteId, CancellationToken ct);

    Task<CreatedWebhook> CreateWebhookAsync(string adminId, string siteId, WebhookDraft draft, CancellationToken ct);

    Task DeleteWebhookAsync(string adminId, string siteId, string webhookId, CancellationToken ct);

    /// <summary>Turns a disabled endpoint on again (deliveries start from new events) or off.</summary>
    Task<WebhookView> SetWebhookEnabledAsync(string adminId, string siteId, string webhookId, bool enabled, CancellationToken ct);

    /// <summary>The endpoint's latest deliveries, newest first.</summary>
    Task<IReadOnlyList<WebhookDeliveryView>> GetDeliveriesAsync(string adminId, string siteId, string webhookId, CancellationToken ct);

    /// <summary>Sends a delivery again now, whether it failed or was delivered.</summary>
    Task RetryDeliveryAsync(string adminId, string siteId, string deliveryId, CancellationToken ct);

    Task<IReadOnlyList<AttributeDefinitionView>> GetAttributesAsync(string adminId, string siteId, CancellationToken ct);

    Task DeclareAttributeAsync(string adminId, string siteId, string name, string type, CancellationToken ct);

    Task RemoveAttributeAsync(string adminId, string siteId, string name, CancellationToken ct);
}
