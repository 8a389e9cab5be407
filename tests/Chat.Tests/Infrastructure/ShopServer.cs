using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Chat.Tests.Infrastructure;

/// <summary>
/// Someone else's shop: pages on another origin (127.0.0.1 on a port of its own) that embed the
/// widget with the one script tag, as a shop owner would.
/// </summary>
public sealed class ShopServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (string Html, string? Csp)> _pages;

    private ShopServer(WebApplication app, ConcurrentDictionary<string, (string Html, string? Csp)> pages)
    {
        _app = app;
        _pages = pages;
        Origin = app.Urls.First().TrimEnd('/');
    }

    /// <summary>The shop's origin, e.g. http://127.0.0.1:40123, to list among the site's allowed origins.</summary>
    public string Origin { get; }

    public static async Task<ShopServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var pages = new ConcurrentDictionary<string, (string Html, string? Csp)>(StringComparer.Ordinal);
        app.MapGet("/{**path}", (string? path, HttpContext http) =>
        {
            if (!pages.TryGetValue("/" + (path ?? ""), out var page))
            {
                return Results.NotFound();
            }

            if (page.Csp is not null)
            {
                http.Response.Headers.ContentSecurityPolicy = page.Csp;
            }

            return Results.Content(page.Html, "text/html; charset=utf-8");
        });
        await app.StartAsync();
        return new ShopServer(app, pages);
    }

    /// <summary>
    /// Serves a shop page at <paramref name="path"/> that embeds the chat server's widget, after
    /// <paramref name="script"/> (page code using the ChatWidget queue), under <paramref name="csp"/> when given.
    /// </summary>
    public string Serve(string path, ChatServer chat, string script = "", string title = "Mug Shop", string? csp = null)
    {
        var widget = new Uri(chat.BaseUrl, "widget.js");
        _pages[path] = ($$"""
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>{{WebUtility.HtmlEncode(title)}}</title></head>
            <body style="font: 16px system-ui; margin: 2rem; background: #fefce8">
              <h1>Mug Shop</h1><p>Hand-thrown mugs, shipped from Porto.</p>
              <script nonce="shop">window.ChatWidget = window.ChatWidget || []; {{script}}</script>
              <script src="{{widget}}" data-site="{{ChatServer.SiteKey}}" async></script>
            </body>
            </html>
            """, csp);
        return Origin + path;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
