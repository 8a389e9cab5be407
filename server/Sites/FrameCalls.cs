namespace Chat.Server.Sites;

/// <summary>
/// The rule every call the frame makes over plain HTTP (pre-chat form, identify, leave a
/// message) starts with: only this server's own origin may call, and only for a known site.
/// </summary>
public static class FrameCalls
{
    /// <summary>The site, or the refusal to answer with (403 foreign origin, 404 unknown site).</summary>
    public static async Task<(Site? Site, IResult? Refusal)> SiteAsync(HttpContext http, string? siteKey, SiteStore sites, Origins origins, CancellationToken ct)
    {
        if (!origins.IsOwnOrigin(http.Request))
        {
            return (null, Problems.OriginNotAllowed(http.Request.Headers.Origin.ToString()));
        }

        var site = await sites.FindByKeyAsync(siteKey ?? "", ct);
        return site is null ? (null, Problems.UnknownSite()) : (site, null);
    }
}
