using Chat.AgentConsole.Api;

namespace Chat.AgentConsole.Tests.Fakes;

/// <summary>The API page's port in memory: keys and webhooks of one site, with the server's refusals for bad input.</summary>
public sealed class FakeApiAdminPort : IApiAdminPort
{
    public List<ApiKeyView> Keys { get; } = [];

    public List<WebhookView> Webhooks { get; } = [];

    public List<WebhookDeliveryView> Deliveries { get; } = [];

    public List<string> Retried { get; } = [];

    public IReadOnlyList<string> WebhookEvents { get; } = ["conversation.created", "message.created"];

    public Task<IReadOnlyList<ApiKeyView>> GetKeysAsync(string adminId, string siteId, CancellationToken ct) => Task.FromResult<IReadOnlyList<ApiKeyView>>([.. Keys]);

    public Task<CreatedApiKey> CreateKeyAsync(string adminId, string siteId, string name, IReadOnlyList<string> scopes, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ConsoleActionException("api_key_name_invalid", "Name the key.");
        }

        var key = new ApiKeyView($"key-{Keys.Count + 1}", name, scopes, Sample.Now, null, null);
        Keys.Add(key);
        return Task.FromResult(new CreatedApiKey(key, $"chat_{key.Id}_secret"));
    }

    public Task RevokeKeyAsync(string adminId, string siteId, string keyId, CancellationToken ct)
    {
        var i = Keys.FindIndex(k => k.Id == keyId);
        Keys[i] = Keys[i] with { RevokedAt = Sample.Now };
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<WebhookView>> GetWebhooksAsync(string adminId, string siteId, CancellationToken ct) => Task.FromResult<IReadOnlyList<WebhookView>>([.. Webhooks]);

    public Task<CreatedWebhook> CreateWebhookAsync(string adminId, string siteId, WebhookDraft draft, CancellationToken ct)
    {
        if (draft.Url.Contains("127.0.0.1", StringComparison.Ordinal) && !draft.AllowPrivate)
        {
            throw new ConsoleActionException("webhook_url_private", "This address is in a private range.");
        }

        var hook = new WebhookView($"hook-{Webhooks.Count + 1}", draft.Url, draft.Events, draft.AllowPrivate, Sample.Now, null, null);
        Webhooks.Add(hook);
        return Task.FromResult(new CreatedWebhook(hook, "whsec_test"));
    }

    public Task DeleteWebhookAsync(string adminId, string siteId, string webhookId, CancellationToken ct)
    {
        Webhooks.RemoveAll(w => w.Id == webhookId);
        return Task.CompletedTask;
    }

    public Task<WebhookView> SetWebhookEnabledAsync(string adminId, string siteId, string webhookId, bool enabled, CancellationToken ct)
    {
        var i = Webhooks.FindIndex(w => w.Id == webhookId);
        Webhooks[i] = Webhooks[i] with { DisabledAt = enabled ? null : Sample.Now };
        return Task.FromResult(Webhooks[i]);
    }

    public Task<IReadOnlyList<WebhookDeliveryView>> GetDeliveriesAsync(string adminId, string siteId, string webhookId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<WebhookDeliveryView>>([.. Deliveries]);

    public Task RetryDeliveryAsync(string adminId, string siteId, string deliveryId, CancellationToken ct)
    {
        Retried.Add(deliveryId);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AttributeDefinitionView>> GetAttributesAsync(string adminId, string siteId, CancellationToken ct) => Task.FromResult<IReadOnlyList<AttributeDefinitionView>>([]);

    public Task DeclareAttributeAsync(string adminId, string siteId, string name, string type, CancellationToken ct) => Task.CompletedTask;

    public Task RemoveAttributeAsync(string adminId, string siteId, string name, CancellationToken ct) => Task.CompletedTask;
}
