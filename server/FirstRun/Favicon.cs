namespace Chat.Server.FirstRun;

/// <summary>
/// The chat bubble icon for the demo shop, the console and the widget's frame. Browsers ask for
/// /favicon.ico on every page; without it each page logs a 404 that looks like something is broken.
/// </summary>
public static class Favicon
{
    public const string SvgPath = "/favicon.svg";

    /// <summary>The link every page of ours puts in its head.</summary>
    public const string Link = """<link rel="icon" href="/favicon.svg" type="image/svg+xml">""";

    private static readonly byte[] Ico = Read("favicon.ico");
    private static readonly byte[] Svg = Read("favicon.svg");

    public static void MapFavicon(this WebApplication app)
    {
        app.MapGet("/favicon.ico", (HttpContext http) => File(http, Ico, "image/x-icon"));
        app.MapGet(SvgPath, (HttpContext http) => File(http, Svg, "image/svg+xml"));
    }

    private static IResult File(HttpContext http, byte[] bytes, string type)
    {
        http.Response.Headers.CacheControl = "public, max-age=86400";
        return TypedResults.Bytes(bytes, type);
    }

    private static byte[] Read(string name)
    {
        using var stream = typeof(Favicon).Assembly.GetManifestResourceStream($"Chat.Server.FirstRun.{name}")
            ?? throw new InvalidOperationException($"The {name} resource is missing from the build.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
