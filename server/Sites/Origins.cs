using Microsoft.Extensions.Options;

namespace Chat.Server.Sites;

/// <summary>
/// Decides which browser origins may do what. The hub and the visitor API only ever see the
/// frame, which is served by this server, so they accept only this server's own origin(s);
/// the shop's origin is checked where the browser reveals it: the loader's CORS request and
/// the frame's frame-ancestors policy.
/// </summary>
public sealed class Origins(IOptions<ChatOptions> options)
{
    /// <summary>A request without an Origin header did not come from a cross-origin page, so it passes.</summary>
    public bool IsOwnOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return true;
        }

        return SameOrigin(origin, $"{request.Scheme}://{request.Host}")
            || options.Value.PublicOrigins.Any(o => SameOrigin(origin, o));
    }

    /// <summary>May a page at <paramref name="origin"/> embed this site's widget?</summary>
    public bool MayEmbed(Site site, string origin, HttpRequest request) =>
        SameOrigin(origin, $"{request.Scheme}://{request.Host}")
        || options.Value.PublicOrigins.Any(o => SameOrigin(origin, o))
        || site.AllowedOrigins.Any(o => SameOrigin(origin, o));

    /// <summary>The frame-ancestors sources for a site: this server and the site's allowed origins.</summary>
    public string FrameAncestors(Site site) =>
        string.Join(' ', new[] { "'self'" }.Concat(options.Value.PublicOrigins).Concat(site.AllowedOrigins));

    private static bool SameOrigin(string a, string b) =>
        string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
}
