using System.Net;
using Chat.Server.Routing;
using Chat.Server.Storage;
using Dapper;

namespace Chat.Server.Demo;

/// <summary>A small shop page at / that embeds the widget exactly as a shop owner would.</summary>
public static class DemoShopPage
{
    public static void MapDemoShop(this WebApplication app) => app.MapGet("/", async (Database database, IChatRouter router, CancellationToken ct) =>
    {
        var site = await database.RunAsync((c, token) => c.QueryFirstOrDefaultAsync<DemoSite>(new CommandDefinition(
            "SELECT id AS Id, site_key AS SiteKey FROM sites ORDER BY created_at;", cancellationToken: token)), ct);
        // Before anyone signs in to the console the widget can only offer to leave a message,
        // which on a first run looks broken: the page says what to do instead.
        var nobodyOnline = site is not null && !await router.HasAvailableAgentAsync(site.Id, ct);
        return TypedResults.Content(Html(site?.SiteKey, nobodyOnline), "text/html; charset=utf-8");
    });

    private static string Html(string? siteKey, bool nobodyOnline)
    {
        var notice = nobodyOnline
            ? """
              <p class="notice" data-testid="demo-nobody-online"><b>Nobody is signed in to the console yet,</b> so the chat can only take a message.
                 Sign in to the <a href="/console">console</a> first (the first admin's password is printed where the server started),
                 then reload this page to chat live.</p>
              """
            : "";

        var tag = siteKey is null
            ? "<!-- No site yet: create one in the console. -->"
            : $"""<script src="/widget.js" data-site="{WebUtility.HtmlEncode(siteKey)}" async></script>""";
        return $$"""
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
              <title>Demo Shop</title>
              {{FirstRun.Favicon.Link}}
              <style>
                body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: #1f2937; background: #f9fafb; }
                header { background: #111827; color: #fff; padding: 1rem 2rem; display: flex; justify-content: space-between; }
                header a { color: #c7d2fe; }
                main { max-width: 960px; margin: 2rem auto; padding: 0 1rem; }
                .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 1rem; }
                .card { background: #fff; border-radius: 12px; padding: 1rem; box-shadow: 0 1px 3px rgba(0,0,0,.1); }
                .swatch { height: 120px; border-radius: 8px; margin-bottom: .5rem; }
                code { background: #eef2ff; padding: .1rem .3rem; border-radius: 4px; }
                .notice { background: #fef3c7; border: 1px solid #f59e0b; border-radius: 8px; padding: .75rem 1rem; }
              </style>
            </head>
            <body>
              <header><strong>Demo Shop</strong><a href="/console">Agent console</a></header>
              <main>
                {{notice}}
                <h1>Handmade mugs</h1>
                <p>This page embeds the chat widget with one tag. Click the chat button in the corner to talk to an agent;
                   sign in to the <a href="/console">console</a> in another window to answer.</p>
                <div class="grid">
                  <div class="card"><div class="swatch" style="background:#fde68a"></div><b>Sunrise mug</b><br>€24</div>
                  <div class="card"><div class="swatch" style="background:#a7f3d0"></div><b>Mint mug</b><br>€22</div>
                  <div class="card"><div class="swatch" style="background:#c7d2fe"></div><b>Dusk mug</b><br>€26</div>
                </div>
              </main>
              {{tag}}
            </body>
            </html>
            """;
    }

    private sealed record DemoSite(string Id, string SiteKey);
}
