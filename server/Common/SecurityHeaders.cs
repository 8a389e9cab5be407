using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Chat.Server;

/// <summary>
/// Headers every answer carries, and forwarded headers honoured only from known proxies.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The console's pages run only scripts served by this server; nothing may frame them.</summary>
    public const string ConsolePolicy = "script-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";

    /// <summary>
    /// X-Forwarded-For and -Proto count only from Chat:ForwardedHeaders:KnownProxies or
    /// KnownNetworks; with neither set they are ignored, as before, so a visitor cannot pick
    /// the address that rate limits and logs see.
    /// </summary>
    public static void AddForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection("Chat:ForwardedHeaders").Get<ForwardedHeadersSettings>() ?? new();
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The framework trusts loopback by default; here only what the operator names counts.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in settings.KnownProxies)
            {
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in settings.KnownNetworks)
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
    }

    public static bool ForwardedHeadersConfigured(IConfiguration configuration)
    {
        var settings = configuration.GetSection("Chat:ForwardedHeaders").Get<ForwardedHeadersSettings>() ?? new();
        return settings.KnownProxies.Count > 0 || settings.KnownNetworks.Count > 0;
    }

    public static void UseSecurityHeaders(this WebApplication app)
    {
        if (ForwardedHeadersConfigured(app.Configuration))
        {
            app.UseForwardedHeaders();
        }

        app.Use((http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                if (http.Request.IsHttps)
                {
                    headers.StrictTransportSecurity = "max-age=31536000";
                }

                // Replaces Blazor's own frame-ancestors 'self' with a stricter whole. Start-up callbacks
                // run last-registered first, and this middleware comes first, so this one has the last word.
                if (http.Request.Path.StartsWithSegments("/console"))
                {
                    headers.ContentSecurityPolicy = ConsolePolicy;
                }

                return Task.CompletedTask;
            });
            return next(http);
        });
    }

    private sealed class ForwardedHeadersSettings
    {
        /// <summary>Addresses of the proxies in front of this server, e.g. 10.0.0.5.</summary>
        public List<string> KnownProxies { get; set; } = [];

        /// <summary>Networks of them in CIDR, e.g. 10.0.0.0/8.</summary>
        public List<string> KnownNetworks { get; set; } = [];
    }
}
