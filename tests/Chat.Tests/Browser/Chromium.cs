using Chat.Tests.Infrastructure.Provisioning;
using Microsoft.Playwright;

namespace Chat.Tests.Browser;

/// <summary>
/// Debian's Chromium driven by Playwright; one browser for all browser tests. Installed on first
/// use (see <see cref="Provisioner"/>); where it cannot be, the tests fail: it is a prerequisite,
/// never a reason to skip.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = Prerequisites.ChromiumPath;

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Prerequisites.EnsureAsync();

        // Generous limits for a loaded 2-core CI machine; assertions still return as soon as the page is right.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(LaunchOptions());
    }

    /// <summary>How every browser of the tests starts: Debian's Chromium, headless.</summary>
    public static BrowserTypeLaunchOptions LaunchOptions() => new()
    {
        ExecutablePath = ExecutablePath,
        Headless = true,
        // Without these Chromium keeps calling home, which this machine's closed network refuses.
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    };

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<Chromium>
{
    public const string Name = "browser";
}
