using System.Net;
using Chat.Server.Storage;
using Dapper;

namespace Chat.Server.Demo;

/// <summary>A small shop page at / that embeds the widget exactly as a shop owner would.</summary>
public static class DemoShopPage
{
    public static void MapDemoShop(this WebApplication app) => app.MapGet("/", async (Database database, CancellationToken ct) =>
    {
        var siteKey = await database.RunAsync((c, token) => c.QueryFirstOrDefaultAsync<string>(new CommandDefinition(
            "SELECT site_key FROM sites ORDER BY created_at;", cancellationToken: token)), ct);
        return TypedResults.Content(Html(siteKey), "text/html; charset=utf-8");
    });

    private static string Html(string? siteKey)
    {
        var tag = siteKey is null
            ? "<!-- No site yet: create one in the console. -->"
            : $"""<script src="/widget.js" data-site="{WebUtility.HtmlEncode(siteKey)}" async></script>""";
        return $$"""
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
              <title>Demo Shop</title>
              <style>
                body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: #1f2937; background: #f9fafb; }
                header { background: #111827; color: #fff; padding: 1rem 2rem; display: flex; justify-content: space-between; }
                header a { color: #c7d2fe; }
                main { max-width: 960px; margin: 2rem auto; padding: 0 1rem; }
                .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 1rem; }
                .card { background: #fff; border-radius: 12px; padding: 1rem; box-shadow: 0 1px 3px rgba(0,0,0,.1); }
                .swatch { height: 120px; border-radius: 8px; margin-bottom: .5rem; }
                code { background: #eef2ff; padding: .1rem .3rem; border-radius: 4px; }
              </style>
            </head>
            <body>
              <header><strong>Demo Shop</strong><a href="/console">Agent console</a></header>
              <main>
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
}
