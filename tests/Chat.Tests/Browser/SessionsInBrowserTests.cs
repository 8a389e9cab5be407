using System.Text.RegularExpressions;
using Chat.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chat.Tests.Browser;

/// <summary>An agent's open console ends with their session, and an old cookie opens nothing.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class SessionsInBrowserTests(Chromium chromium) : IAsyncLifetime
{
    private ChatServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [GeneratedRegex("/console/login")]
    private static partial Regex LoginPage();

    [Fact]
    public async Task An_admin_disables_an_agent_and_their_open_console_goes_to_the_sign_in_page_and_the_old_cookie_opens_nothing()
    {
        var (email, password) = await _server.AddAgentAsync("Ben Lane", 2);
        await using var benContext = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var ben = await benContext.NewPageAsync();
        await Pages.SignInAsync(ben, _server, email, password);
        var benCookies = await benContext.CookiesAsync();

        await using var adminContext = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var admin = await adminContext.NewPageAsync();
        await Pages.SignInAsync(admin, _server);
        await admin.GotoAsync(new Uri(_server.BaseUrl, "console/admin/agents").ToString());
        // The form's buttons are enabled once the page is live; a click before that would be lost.
        await Expect(admin.GetByTestId("toggle-disabled")).ToBeEnabledAsync();
        await admin.GetByTestId("agent-item").Filter(new() { HasText = "Ben Lane" }).ClickAsync();
        await Expect(admin.GetByTestId("agent-form").GetByRole(AriaRole.Heading)).ToHaveTextAsync("Ben Lane");
        await admin.GetByTestId("toggle-disabled").ClickAsync();

        await Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("Ben Lane is disabled");
        await Expect(admin.GetByTestId("agent-item").Filter(new() { HasText = "Ben Lane" }).GetByTestId("agent-disabled")).ToBeVisibleAsync();
        await admin.ScreenshotAsync(new() { Path = Pages.ScreenshotPath("agent-disabled-admin.png") });
        await Expect(ben).ToHaveURLAsync(LoginPage(), new() { Timeout = 10_000 });
        await ben.ScreenshotAsync(new() { Path = Pages.ScreenshotPath("agent-disabled-console.png") });

        // A copy of Ben's cookie, taken before, opens nothing either.
        await using var thief = await chromium.Browser.NewContextAsync();
        await thief.AddCookiesAsync(benCookies.Select(c => new Cookie { Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path }));
        var stolen = await thief.NewPageAsync();
        await stolen.GotoAsync(new Uri(_server.BaseUrl, "console").ToString());
        await Expect(stolen).ToHaveURLAsync(LoginPage());
    }

    [Fact]
    public async Task Signing_out_in_one_tab_ends_the_console_open_in_another_browser()
    {
        await using var first = await chromium.Browser.NewContextAsync();
        var tab = await first.NewPageAsync();
        await Pages.SignInAsync(tab, _server);
        await using var second = await chromium.Browser.NewContextAsync();
        var other = await second.NewPageAsync();
        await Pages.SignInAsync(other, _server);

        await tab.GetByTestId("logout").ClickAsync();

        await Expect(tab).ToHaveURLAsync(LoginPage());
        await Expect(other).ToHaveURLAsync(LoginPage(), new() { Timeout = 10_000 });
    }
}
