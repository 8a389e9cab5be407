using Chat.AgentConsole.Api;
using Chat.AgentConsole.Port;
using Chat.Server.Admin;
using Chat.Server.Audit;
using Chat.Server.CustomAttributes;
using Chat.Server.Webhooks;

namespace Chat.Server.Api;

/// <summary>
/// The server's side of the console's API page. Each call checks, from the database, that the
/// caller is an admin of the site (<see cref="AdminAccess"/>); keys and webhooks of other sites
/// look like they do not exist. Key and webhook changes go in the audit log.
/// </summary>
internal sealed class ApiAdminPort(AdminAccess access, ApiKeys keys, WebhookAdmin webhooks, CustomerAttributes attributes, AuditLog audit) : IApiAdminPort
{
    public IReadOnlyList<string> WebhookEvents => Webhooks.WebhookEvents.All;

    public Task<IReadOnlyList<ApiKeyView>> GetKeysAsync(string adminId, string siteId, CancellationToken ct) =>
        Guard(adminId, siteId, async _ => (IReadOnlyList<ApiKeyView>)[.. (await keys.ForSiteAsync(siteId, ct)).Select(ToView)], ct);

    public Task<CreatedApiKey> CreateKeyAsync(string adminId, string siteId, string name, IReadOnlyList<string> scopes, CancellationToken ct) =>
        Guard(adminId, siteId, async admin =>
        {
            var (info, key) = await keys.CreateAsync(siteId, name, scopes, admin.Id, ct);
            await audit.RecordAsync(AuditActor.Of(admin), AuditActions.ApiKeyCreated, [siteId], "api_key", info.Id, $"{info.Name} ({string.Join(", ", info.Scopes)})", ct);
            return new CreatedApiKey(ToView(info), key);
        }, ct);

    public Task RevokeKeyAsync(string adminId, string siteId, string keyId, CancellationToken ct) =>
        Guard(adminId, siteId, async admin =>
        {
            await keys.RevokeAsync(siteId, keyId, ct);
            await audit.RecordAsync(AuditActor.Of(admin), AuditActions.ApiKeyRevoked, [siteId], "api_key", keyId, "", ct);
            return true;
        }, ct);

    public Task<IReadOnlyList<WebhookView>> GetWebhooksAsync(string adminId, string siteId, CancellationToken ct) =>
        Guard(adminId, siteId, async _ => (IReadOnlyList<WebhookView>)[.. (await webhooks.ForSiteAsync(siteId, ct)).Select(ToView)], ct);

    public Task<CreatedWebhook> CreateWebhookAsync(string adminId, string siteId, WebhookDraft draft, CancellationToken ct) =>
        Guard(adminId, siteId, async admin =>
        {
            var row = await webhooks.CreateAsync(siteId, draft?.Url, draft?.Events, draft?.AllowPrivate ?? false, admin.Id, ct);
            await audit.RecordAsync(AuditActor.Of(admin), AuditActions.WebhookCreated, [siteId], "webhook", row.Id,
                $"{row.Url}: {row.Events.Replace(' ', ',')}{(row.AllowPrivate == 1 ? " (private addresses allowed)" : "")}", ct);
            return new CreatedWebhook(ToView(row), row.Secret);
        }, ct);

    public Task DeleteWebhookAsync(string adminId, string siteId, string webhookId, CancellationToken ct) =>
        Guard(adminId, siteId, async admin =>
        {
            var row = await webhooks.OfSiteAsync(siteId, webhookId, ct);
            await webhooks.DeleteAsync(siteId, row.Id, ct);
            await audit.RecordAsync(AuditActor.Of(admin), AuditActions.WebhookDeleted, [siteId], "webhook", row.Id, row.Url, ct);
            return true;
        }, ct);

    public Task<WebhookView> SetWebhookEnabledAsync(string adminId, string siteId, string webhookId, bool enabled, CancellationToken ct) =>
        Guard(adminId, siteId, async _ => ToView(await webhooks.SetEnabledAsync(siteId, webhookId, enabled, ct)), ct);

    public Task<IReadOnlyList<WebhookDeliveryView>> GetDeliveriesAsync(string adminId, string siteId, string webhookId, CancellationToken ct) =>
        Guard(adminId, siteId, async _ => (IReadOnlyList<WebhookDeliveryView>)[.. (await webhooks.LogAsync(siteId, webhookId, ct)).Select(ToView)], ct);

    public Task RetryDeliveryAsync(string adminId, string siteId, string deliveryId, CancellationToken ct) =>
        Guard(adminId, siteId, async _ =>
        {
            await webhooks.RetryAsync(siteId, deliveryId, ct);
            return true;
        }, ct);

    public Task<IReadOnlyList<AttributeDefinitionView>> GetAttributesAsync(string adminId, string siteId, CancellationToken ct) =>
        Guard(adminId, siteId, async _ => (IReadOnlyList<AttributeDefinitionView>)[.. (await attributes.DefinitionsAsync(siteId, ct)).Select(d => new AttributeDefinitionView(d.Name, d.Type))], ct);

    public Task DeclareAttributeAsync(string adminId, string siteId, string name, string type, CancellationToken ct) =>
        Guard(adminId, siteId, async _ =>
        {
            await attributes.DeclareAsync(siteId, name, type, ct);
            return true;
        }, ct);

    public Task RemoveAttributeAsync(string adminId, string siteId, string name, CancellationToken ct) =>
        Guard(adminId, siteId, async _ =>
        {
            await attributes.RemoveAsync(siteId, name ?? "", ct);
            return true;
        }, ct);

    /// <summary>The admin check first; rule refusals reach the console as its own exception type.</summary>
    private async Task<T> Guard<T>(string adminId, string siteId, Func<Agents.Agent, Task<T>> action, CancellationToken ct)
    {
        var admin = await access.SiteAdminAsync(adminId, siteId, ct);
        try
        {
            return await action(admin);
        }
        catch (ChatRuleException e)
        {
            throw new ConsoleActionException(e.Code, e.Message);
        }
    }

    private static ApiKeyView ToView(ApiKeyInfo k) => new(
        k.Id, k.Name, k.Scopes, Clock.FromMs(k.CreatedAt), k.LastUsedAt is { } used ? Clock.FromMs(used) : null, k.RevokedAt is { } revoked ? Clock.FromMs(revoked) : null);

    private static WebhookView ToView(WebhookEndpointRow w) => new(
        w.Id, w.Url, w.Events.Split(' ', StringSplitOptions.RemoveEmptyEntries), w.AllowPrivate == 1, Clock.FromMs(w.CreatedAt),
        w.FailingSince is { } failing ? Clock.FromMs(failing) : null, w.DisabledAt is { } disabled ? Clock.FromMs(disabled) : null);

    private static WebhookDeliveryView ToView(WebhookDeliveryRow d) => new(
        d.Id, d.EventId, d.EventType, d.Status, (int)d.Attempts, Clock.FromMs(d.CreatedAt),
        d.LastAttemptAt is { } last ? Clock.FromMs(last) : null, (int?)d.LastResponseCode, d.LastError,
        d.Status == DeliveryStatus.Pending ? Clock.FromMs(d.NextAttemptAt) : null);
}
