using System.Net;
using Chat.Server.Conversations;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace Chat.Server.Sites;

/// <summary>What the loader on the shop's page and its iframe ask for.</summary>
public static class WidgetEndpoints
{
    public static void MapWidget(this WebApplication app)
    {
        app.MapGet("/api/sites/{siteKey}/widget", GetSettings);
        app.MapGet("/api/sites/{siteKey}/availability", GetAvailability);
        app.MapGet("/widget/frame", GetFrame);
        ServeWidgetFiles(app);
    }

    /// <summary>
    /// Called cross-origin by the loader. The browser sets Origin and page scripts cannot forge
    /// it, so this is where a site's allowed origins are enforced: others get a 403 and no CORS
    /// headers, and the loader draws nothing.
    /// </summary>
    private static async Task<IResult> GetSettings(string siteKey, HttpContext http, SiteStore sites, WidgetConfigStore configs, Origins origins, CancellationToken ct)
    {
        var site = await sites.FindByKeyAsync(siteKey, ct);
        if (site is null)
        {
            AllowAnyOriginToReadTheError(http);
            return Problems.Of(StatusCodes.Status404NotFound, "unknown_site", $"No site has the key {siteKey}; check data-site on the script tag.");
        }

        var origin = http.Request.Headers.Origin.ToString();
        if (origin.Length > 0)
        {
            if (!origins.MayEmbed(site, origin, http.Request))
            {
                AllowAnyOriginToReadTheError(http);
                // The loader prints this sentence in the page's console as it is.
                return Problems.Of(StatusCodes.Status403Forbidden, "origin_not_allowed",
                    $"This page's origin {origin} is not allowed for site {site.SiteKey}; add it to the site's allowed origins.");
            }

            http.Response.Headers.AccessControlAllowOrigin = origin;
            http.Response.Headers.Vary = "Origin";
        }

        var config = await configs.ForSiteAsync(site.Id, ct);
        return TypedResults.Ok(new WidgetSettings(site.SiteKey, site.Name, site.Color, site.Greeting,
            $"{http.Request.Scheme}://{http.Request.Host}/widget/frame?site={Uri.EscapeDataString(site.SiteKey)}", config.LauncherPosition));
    }

    /// <summary>Asked by the frame before it offers a live chat: is anyone there, and if not, when are they back?</summary>
    private static async Task<IResult> GetAvailability(string siteKey, HttpContext http, SiteStore sites, Availability availability, CancellationToken ct)
    {
        var site = await sites.FindByKeyAsync(siteKey, ct);
        if (site is null)
        {
            return Problems.UnknownSite();
        }

        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(await availability.ForSiteAsync(site, ct));
    }

    /// <summary>The refusal is not secret, and the loader must be able to read it to print why it stays hidden.</summary>
    private static void AllowAnyOriginToReadTheError(HttpContext http) =>
        http.Response.Headers.AccessControlAllowOrigin = "*";

    private static async Task<IResult> GetFrame(string? site, HttpContext http, SiteStore sites, WidgetConfigStore configs, Origins origins, FirstReplyTimes replyTimes, CancellationToken ct)
    {
        var found = site is null ? null : await sites.FindByKeyAsync(site, ct);
        if (found is null)
        {
            return Problems.UnknownSite();
        }

        http.Response.Headers.ContentSecurityPolicy =
            $"frame-ancestors {origins.FrameAncestors(found)}; default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'";
        http.Response.Headers.CacheControl = "no-store";
        var typicalReply = await replyTimes.TypicalSecondsAsync(found.Id, ct);
        return TypedResults.Content(FrameHtml(found, await configs.ForSiteAsync(found.Id, ct), typicalReply), "text/html; charset=utf-8");
    }

    private static string FrameHtml(Site site, WidgetConfig config, int? typicalReplySeconds)
    {
        static string A(string value) => WebUtility.HtmlEncode(value);
        return $"""
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>{A(site.Name)} chat</title>{FirstRun.Favicon.Link}<link rel="stylesheet" href="/widget/frame.css"></head>
            <body data-site="{A(site.SiteKey)}" data-site-name="{A(site.Name)}" data-greeting="{A(site.Greeting)}" data-color="{A(site.Color)}" data-email-required="{(config.EmailRequired ? "true" : "false")}" data-mask-private-data="{(config.MasksPrivateData ? "true" : "false")}" data-typing-preview="{(config.TypingPreview ? "true" : "false")}" data-review-url="{A(config.ReviewUrl ?? "")}" data-typical-reply="{typicalReplySeconds}"><div id="app"></div><script src="/widget/frame.js"></script></body>
            </html>
            """;
    }

    /// <summary>Serves widget.js at the root (the tag shop owners paste) and the frame's files under /widget.</summary>
    private static void ServeWidgetFiles(WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<ChatOptions>>().Value;
        var dir = WidgetDirectory(options, app.Environment);
        if (dir is null)
        {
            app.Logger.LogWarning("The built widget was not found; build the server (it builds the widget) or set Chat:WidgetDir");
            return;
        }

        var files = new PhysicalFileProvider(dir);
        app.MapGet("/widget.js", () => WidgetFile(files, "widget.js", "text/javascript; charset=utf-8"));
        app.MapGet("/widget/frame.js", () => WidgetFile(files, "frame.js", "text/javascript; charset=utf-8"));
        app.MapGet("/widget/frame.css", () => WidgetFile(files, "frame.css", "text/css; charset=utf-8"));
        // Parts of the frame fetched on first use (widget/src/frame/lazy.ts). Only a plain name is
        // looked up, so no path can leave the folder.
        app.MapGet("/widget/lazy/{name:regex(^[a-zA-Z]+\\.js$)}", (string name) => WidgetFile(files, $"lazy/{name}", "text/javascript; charset=utf-8"));
    }

    private static IResult WidgetFile(IFileProvider files, string name, string contentType)
    {
        var file = files.GetFileInfo(name);
        return file.Exists && file.PhysicalPath is not null
            ? TypedResults.PhysicalFile(file.PhysicalPath, contentType, lastModified: file.LastModified, enableRangeProcessing: false)
            : TypedResults.NotFound();
    }

    private static string? WidgetDirectory(ChatOptions options, IHostEnvironment environment)
    {
        string[] candidates =
        [
            options.WidgetDir ?? "",
            Path.Combine(environment.ContentRootPath, "widget"),
            Path.Combine(AppContext.BaseDirectory, "widget"),
            Path.Combine(environment.ContentRootPath, "..", "widget", "dist"),
        ];
        return candidates
            .Where(c => c.Length > 0)
            .Select(c => Path.GetFullPath(c, environment.ContentRootPath))
            .FirstOrDefault(c => File.Exists(Path.Combine(c, "widget.js")));
    }
}

/// <param name="Position">Where the launcher sits: "right" or "left".</param>
public sealed record WidgetSettings(string SiteKey, string Name, string Color, string Greeting, string FrameUrl, string Position);
