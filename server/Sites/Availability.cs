using Chat.Server.Routing;

namespace Chat.Server.Sites;

/// <summary>Whether a visitor can chat live now, or should leave a message; and when the team is back.</summary>
public sealed class Availability(IChatRouter router, WidgetConfigStore configs, TimeProvider time)
{
    public async Task<AvailabilityView> ForSiteAsync(Site site, CancellationToken ct)
    {
        var config = await configs.ForSiteAsync(site.Id, ct);
        var now = time.GetUtcNow();
        var openNow = config.Hours.IsOpen(now);
        var agentOnline = openNow && await router.HasAvailableAgentAsync(site.Id, ct);
        return new AvailabilityView(agentOnline, openNow, openNow ? null : config.Hours.NextOpening(now));
    }
}

/// <param name="Online">Open and at least one agent online: a live chat is possible.</param>
/// <param name="OpenNow">Within business hours (always true for a site without hours).</param>
/// <param name="NextOpen">When outside business hours: when they start again.</param>
public sealed record AvailabilityView(bool Online, bool OpenNow, DateTimeOffset? NextOpen);
