using System.Text.RegularExpressions;
using Chat.Tests.Infrastructure;
using OtpNet;
using static Microsoft.Playwright.Assertions;

namespace Chat.Tests.Browser;

/// <summary>An agent turns on two-factor sign-in from the console and signs in with a code next time.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class TwoFactorInBrowserTests(Chromium chromium) : IAsyncLifetime
{
    private ChatServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [GeneratedRegex("/console/login")]
    private static partial Regex LoginPage();

    [GeneratedRegex("/console$")]
    private static partial Regex ConsolePage();

    [Fact]
    public async Task An_agent_enrols_with_the_qr_code_and_the_next_sign_in_asks_for_a_code()
    {
        await using var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, _server);

        await page.GetByTestId("agent-name").ClickAsync();
        await Expect(page.GetByTestId("two-factor-off")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("two-factor-start")).ToBeEnabledAsync();
        await page.GetByTestId("two-factor-start").ClickAsync();
        await Expect(page.GetByTestId("two-factor-qr").Locator("svg")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Pages.ScreenshotPath("two-factor-enrol.png") });
        var secret = await page.GetByTestId("two-factor-secret").TextContentAsync();
        await page.GetByTestId("two-factor-code").FillAsync(new Totp(Base32Encoding.ToBytes(secret!)).ComputeTotp());
        await page.GetByTestId("two-factor-confirm").ClickAsync();

        await Expect(page.GetByTestId("two-factor-on")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("recovery-codes").Locator("li")).ToHaveCountAsync(10);
        var recovery = await page.GetByTestId("recovery-codes").Locator("li").First.TextContentAsync();

        await page.GotoAsync(new Uri(_server.BaseUrl, "console").ToString());
        await page.GetByTestId("logout").ClickAsync();
        await Expect(page).ToHaveURLAsync(LoginPage());
        await page.GetByTestId("login-email").FillAsync(ChatServer.AdminEmail);
        await page.GetByTestId("login-password").FillAsync(ChatServer.AdminPassword);
        await page.GetByTestId("login-submit").ClickAsync();

        await Expect(page.GetByTestId("login-code")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("login-password")).ToHaveCountAsync(0);
        await page.GetByTestId("login-code").FillAsync("000000");
        await page.GetByTestId("login-code-submit").ClickAsync();
        await Expect(page.GetByTestId("login-error")).ToContainTextAsync("not right");
        await page.ScreenshotAsync(new() { Path = Pages.ScreenshotPath("two-factor-sign-in.png") });

        await page.GetByTestId("login-code").FillAsync(recovery!.Trim());
        await page.GetByTestId("login-code-submit").ClickAsync();
        await Expect(page).ToHaveURLAsync(ConsolePage());
        await Expect(page.GetByTestId("presence")).ToBeEnabledAsync();
    }
}
