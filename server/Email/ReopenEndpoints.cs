using System.Net;
using Chat.Server.Customers;
using Chat.Server.Sites;

namespace Chat.Server.Email;

/// <summary>
/// The link in an email: <c>GET /email/reopen/{token}</c> is a page on this server that hosts the
/// widget and opens the chat. The page trades the token for a visitor token of this browser with
/// a POST from its script, so a mail scanner that follows the link signs nobody in.
/// </summary>
public static class ReopenEndpoints
{
    private const string PagePolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static void MapReopen(this WebApplication app)
    {
        app.MapGet("/email/reopen/{token}", (string token, HttpContext http) =>
        {
            http.Response.Headers.ContentSecurityPolicy = PagePolicy;
            http.Response.Headers.CacheControl = "no-store";
            return TypedResults.Content(Page(token), "text/html; charset=utf-8");
        });
        app.MapGet("/email/reopen.js", (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "public, max-age=3600";
            return TypedResults.Content(Script, "text/javascript; charset=utf-8");
        });
        app.MapPost("/api/email/reopen", ReopenAsync);
    }

    private static async Task<IResult> ReopenAsync(
        ReopenRequest body, HttpContext http, EmailTokens tokens, CustomerStore customers, IdentityStore identities, SiteStore sites, Origins origins, CancellationToken ct)
    {
        if (!origins.IsOwnOrigin(http.Request))
        {
            return Problems.Of(StatusCodes.Status403Forbidden, "origin_not_allowed", "Only the chat server's own pages may do this.");
        }

        var target = await tokens.FindAsync(body.Token, ct);
        var customer = target is null ? null : await customers.FindAsync(target.CustomerId, ct);
        var site = customer is null ? null : await sites.FindByIdAsync(customer.SiteId, ct);
        if (site is null)
        {
            return Problems.Of(StatusCodes.Status404NotFound, "link_invalid", "This link does not open a conversation.");
        }

        // A browser of its own for the visitor, as a verified customer's second device is.
        var visitorToken = VisitorTokens.New();
        await identities.AddDeviceAsync(customer!.Id, VisitorTokens.Hash(visitorToken), ct);
        return TypedResults.Ok(new ReopenResult(site.SiteKey, visitorToken, customer.Name, target!.ConversationId));
    }

    private static string Page(string token) => $$"""
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Chat</title>
        <style>body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1f2937;background:#f9fafb}main{max-width:640px;margin:3rem auto;padding:0 1rem}</style>
        </head>
        <body data-reopen="{{WebUtility.HtmlEncode(token)}}">
        <main><p id="status">Opening your conversation… / Ihr Gespräch wird geöffnet…</p></main>
        <script src="/email/reopen.js"></script>
        </body>
        </html>
        """;

    // Sets the frame's token for the site in this origin's storage, then loads the widget open.
    private const string Script = """
        (async () => {
          const status = document.getElementById('status');
          try {
            const response = await fetch('/api/email/reopen', {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ token: document.body.dataset.reopen }),
            });
            if (!response.ok) throw new Error(String(response.status));
            const visitor = await response.json();
            localStorage.setItem(`chat:${visitor.siteKey}:token`, visitor.token);
            localStorage.setItem(`chat:${visitor.siteKey}:name`, visitor.name);
            localStorage.removeItem(`chat:${visitor.siteKey}:identity`);
            window.ChatWidget = [['open']];
            const loader = document.createElement('script');
            loader.src = '/widget.js';
            loader.async = true;
            loader.dataset.site = visitor.siteKey;
            document.body.appendChild(loader);
            status.textContent = '';
          } catch {
            status.textContent = 'This link does not open a conversation any more. / Dieser Link öffnet kein Gespräch mehr.';
          }
        })();
        """;
}

public sealed record ReopenRequest(string? Token);

public sealed record ReopenResult(string SiteKey, string Token, string Name, string ConversationId);
