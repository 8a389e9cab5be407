using System.Security.Cryptography;

namespace Chat.Server.Webhooks;

/// <summary>A site's webhook endpoints and delivery logs, as its admins manage them; who may is the admin port's check.</summary>
internal sealed class WebhookAdmin(WebhookEndpointStore endpoints, WebhookDeliveryStore deliveries, WebhookRecorder recorder, WebhookSignal signal, TimeProvider time)
{
    public const int MaxPerSite = 10;
    public const int LogLength = 100;

    public Task<IReadOnlyList<WebhookEndpointRow>> ForSiteAsync(string siteId, CancellationToken ct) => endpoints.ForSiteAsync(siteId, ct);

    public async Task<WebhookEndpointRow> CreateAsync(string siteId, string? url, IEnumerable<string>? events, bool allowPrivate, string createdBy, CancellationToken ct)
    {
        var validUrl = WebhookTargets.ValidateUrl(url, allowPrivate);
        var validEvents = WebhookEvents.Validate(events);
        if ((await endpoints.ForSiteAsync(siteId, ct)).Count >= MaxPerSite)
        {
            throw new ChatRuleException("too_many_webhooks", $"A site can have at most {MaxPerSite} webhooks.");
        }

        var row = new WebhookEndpointRow(
            Ids.New(), siteId, validUrl, "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), string.Join(' ', validEvents),
            allowPrivate ? 1 : 0, createdBy, time.NowMs(), null, null);
        await endpoints.InsertAsync(row, ct);
        recorder.EndpointAdded();
        return row;
    }

    public async Task<WebhookEndpointRow> OfSiteAsync(string siteId, string? id, CancellationToken ct)
    {
        var endpoint = string.IsNullOrEmpty(id) ? null : await endpoints.FindAsync(id, ct);
        return endpoint is not null && endpoint.SiteId == siteId ? endpoint : throw new ChatRuleException("not_found", "This webhook does not exist on this site.");
    }

    public async Task DeleteAsync(string siteId, string id, CancellationToken ct) => await endpoints.DeleteAsync((await OfSiteAsync(siteId, id, ct)).Id, ct);

    public async Task<WebhookEndpointRow> SetEnabledAsync(string siteId, string id, bool enabled, CancellationToken ct)
    {
        var endpoint = await OfSiteAsync(siteId, id, ct);
        await endpoints.SetDisabledAsync(endpoint.Id, enabled ? null : time.NowMs(), "The webhook was turned off by an admin.", ct);
        if (enabled)
        {
            recorder.EndpointAdded();
        }

        return await OfSiteAsync(siteId, id, ct);
    }

    public async Task<IReadOnlyList<WebhookDeliveryRow>> LogAsync(string siteId, string id, CancellationToken ct) =>
        await deliveries.LatestAsync((await OfSiteAsync(siteId, id, ct)).Id, LogLength, ct);

    public async Task RetryAsync(string siteId, string deliveryId, CancellationToken ct)
    {
        var delivery = string.IsNullOrEmpty(deliveryId) ? null : await deliveries.FindAsync(deliveryId, ct);
        var endpoint = delivery is null ? null : await endpoints.FindAsync(delivery.EndpointId, ct);
        if (delivery is null || endpoint is null || endpoint.SiteId != siteId)
        {
            throw new ChatRuleException("not_found", "This delivery does not exist on this site.");
        }

        if (endpoint.DisabledAt is not null)
        {
            throw new ChatRuleException("webhook_disabled", "Turn the webhook on again before retrying its deliveries.");
        }

        await deliveries.RetryAsync(delivery.Id, time.NowMs(), ct);
        signal.Wake();
    }
}
