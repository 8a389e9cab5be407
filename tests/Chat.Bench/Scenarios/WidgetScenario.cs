using System.Globalization;
using System.IO.Compression;
using Chat.Bench.Cli;
using Chat.Bench.Load;
using Chat.Bench.Report;
using Chat.Bench.Targets;
using Chat.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Chat.Bench.Scenarios;

/// <summary>
/// What a shop's visitors pay for the widget: the loader and frame bundles, raw and gzipped,
/// and the time from navigation start to the launcher on screen on the demo shop page in
/// headless Chromium, each load in a fresh browser context (nothing cached).
/// </summary>
public sealed class WidgetScenario : IScenario
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private const float LoadTimeoutMs = 30_000;

    /// <summary>
    /// Runs in the page before its own scripts: notes the first animation frame (the frame
    /// that paints it) after the launcher is in the DOM with a box. The loader draws it
    /// inside a shadow root, so each added element's shadow root is looked into too.
    /// </summary>
    private const string LauncherProbe =
        """
        (() => {
          const find = (node) => node.nodeType === 1 &&
            ((node.shadowRoot && node.shadowRoot.querySelector('[data-testid=launcher]')) || node.querySelector('[data-testid=launcher]'));
          const shown = (button) => { const box = button.getBoundingClientRect(); return box.width > 0 && box.height > 0; };
          const observer = new MutationObserver((records) => {
            for (const record of records) for (const node of record.addedNodes) {
              const button = find(node);
              if (button && shown(button)) {
                observer.disconnect();
                window.__launcherInDom = performance.now();
                requestAnimationFrame(() => { window.__launcherPainted = performance.now(); });
                return;
              }
            }
          });
          observer.observe(document, { childList: true, subtree: true });
        })();
        """;

    public string Name => "widget";

    public string Description => "loader and frame sizes raw and gzipped, and page load to launcher visible in headless Chromium";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        OptionSpec.Integer("runs", 10, 3, "page loads measured (after one unmeasured warm-up load)"),
    ];

    public async Task<Summary> RunAsync(ScenarioOptions options, TextWriter output, CancellationToken ct)
    {
        var dist = Path.Combine(RepoPaths.Widget, "dist");
        var loader = await SizeAsync(dist, ["widget.js"], ct);
        var frame = await SizeAsync(dist, ["frame.js", "frame.css"], ct);
        if (!File.Exists(ChromiumPath))
        {
            throw new BenchFailedException($"Chromium is needed at {ChromiumPath} (Debian package 'chromium').");
        }

        using var sources = new SourceAddresses(1);
        await using var server = await ChatTarget.StartAsync(sources, "sqlite", ct);
        var servedAs = await ServedEncodingAsync(sources, server, ct);
        var loads = await MeasureLoadsAsync(server.Server.BaseUrl, options.Integer("runs"), output, ct);

        var table = new Table("bundle", "files", "raw", "gzip -9");
        table.Row("loader", "widget.js", Format.Bytes(loader.Raw), Format.Bytes(loader.Gzip));
        table.Row("frame", "frame.js + frame.css", Format.Bytes(frame.Raw), Format.Bytes(frame.Gzip));
        table.Print(output);
        output.WriteLine($"served by the server as: {servedAs}");

        var painted = loads.Select(l => l.Painted).Order().ToArray();
        var times = new Table($"{loads.Count} page loads, ms from navigation start", "median", "min", "max");
        times.Row("launcher in the DOM", Ms(Median(loads.Select(l => l.InDom))), Ms(loads.Min(l => l.InDom)), Ms(loads.Max(l => l.InDom)));
        times.Row("launcher painted (first frame)", Ms(Median(painted)), Ms(painted[0]), Ms(painted[^1]));
        times.Row("page load event", Ms(Median(loads.Select(l => l.LoadEvent))), Ms(loads.Min(l => l.LoadEvent)), Ms(loads.Max(l => l.LoadEvent)));
        times.Print(output);
        output.WriteLine("Each load in a fresh browser context: no HTTP cache, no storage; server and browser on this machine (loopback).");

        return new Summary(Name).Add("loader_gz", loader.Gzip).Add("frame_gz", frame.Gzip).Add("launcher_ms", Median(painted), 1);
    }

    private static async Task<(long Raw, long Gzip)> SizeAsync(string dist, string[] files, CancellationToken ct)
    {
        long raw = 0, gzip = 0;
        foreach (var file in files)
        {
            var path = Path.Combine(dist, file);
            if (!File.Exists(path))
            {
                throw new BenchFailedException($"{path} is missing: build the server first (it builds the widget).");
            }

            var bytes = await File.ReadAllBytesAsync(path, ct);
            raw += bytes.Length;
            using var compressed = new MemoryStream();
            // SmallestSize is zlib level 9, what widget/size.mjs measures against its budget.
            await using (var zip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                await zip.WriteAsync(bytes, ct);
            }

            gzip += compressed.Length;
        }

        return (raw, gzip);
    }

    private static async Task<string> ServedEncodingAsync(SourceAddresses sources, ChatTarget server, CancellationToken ct)
    {
        using var http = sources.HttpClient(server.Server.BaseUrl);
        using var request = new HttpRequestMessage(HttpMethod.Get, "widget.js");
        request.Headers.AcceptEncoding.ParseAdd("gzip, br");
        using var response = await http.SendAsync(request, ct);
        var encoding = response.Content.Headers.ContentEncoding.FirstOrDefault();
        return encoding is null
            ? $"uncompressed ({Format.Bytes(response.Content.Headers.ContentLength ?? 0)}) even when the browser accepts gzip"
            : $"{encoding}-compressed when the browser accepts it";
    }

    private static async Task<List<Load>> MeasureLoadsAsync(Uri shop, int runs, TextWriter output, CancellationToken ct)
    {
        using var playwright = await Playwright.CreateAsync().WaitAsync(ct);
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        }).WaitAsync(ct);

        var loads = new List<Load>();
        for (var run = 0; run <= runs; run++)
        {
            var load = await LoadOnceAsync(browser, shop, ct);
            // The first load pays for the server's first requests; it is not counted.
            if (run > 0)
            {
                loads.Add(load);
            }
        }

        output.WriteLine($"{runs} page loads measured in Chromium {browser.Version}");
        return loads;
    }

    private static async Task<Load> LoadOnceAsync(IBrowser browser, Uri shop, CancellationToken ct)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } }).WaitAsync(ct);
        await context.AddInitScriptAsync(LauncherProbe).WaitAsync(ct);
        var page = await context.NewPageAsync().WaitAsync(ct);
        await page.GotoAsync(shop.ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.Load, Timeout = LoadTimeoutMs }).WaitAsync(ct);
        // Playwright's own check that the launcher is visible, then the page's own timing of it.
        await page.Locator("[data-testid=launcher]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = LoadTimeoutMs }).WaitAsync(ct);
        await page.WaitForFunctionAsync("() => window.__launcherPainted !== undefined", null, new PageWaitForFunctionOptions { Timeout = LoadTimeoutMs }).WaitAsync(ct);
        var times = await page.EvaluateAsync<double[]>(
            "() => [window.__launcherInDom, window.__launcherPainted, performance.getEntriesByType('navigation')[0].loadEventEnd]").WaitAsync(ct);
        return new Load(times[0], times[1], times[2]);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Ms(double ms) => ms.ToString("F1", CultureInfo.InvariantCulture);

    private sealed record Load(double InDom, double Painted, double LoadEvent);
}
