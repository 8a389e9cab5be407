using System.Net.Http.Json;
using Chat.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chat.Tests.Browser;

/// <summary>The API as an admin sets it up: a key made and used, a webhook added and its deliveries seen, the reference page read.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ApiInBrowserTests(Chromium chromium) : IAsyncLifetime
{
    private ChatServer _server = null!;
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _server = await ChatServer.StartAsync();
        _receiver = await WebhookReceiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task An_admin_creates_a_key_that_works_once_copied_and_revokes_it()
    {
        await using var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var console = await context.NewPageAsync();
        await Pages.SignInAsync(console, _server);
        await console.GotoAsync(new Uri(_server.BaseUrl, "console/admin/api").ToString());

        await console.GetByTestId("api-key-name").FillAsync("CRM");
        await console.GetByTestId("api-key-write").CheckAsync();
        await console.GetByTestId("api-key-create").ClickAsync();
        var key = await console.GetByTestId("new-api-key-value").TextContentAsync();
        await Expect(console.GetByTestId("api-key-row")).ToContainTextAsync("CRM");
        await Expect(console.GetByTestId("api-key-row")).ToContainTextAsync("read, write");
        await Expect(console.GetByTestId("api-key-last-used")).ToHaveTextAsync("never");
        await console.ScreenshotAsync(new() { Path = Pages.ScreenshotPath("api-key-created.png"), FullPage = true });

        using var api = _server.ApiClient(key);
        (await api.GetAsync("conversations")).EnsureSuccessStatusCode();
        await console.ReloadAsync();
        await Expect(console.GetByTestId("api-key-last-used")).Not.ToHaveTextAsync("never");
        await Expect(console.GetByTestId("new-api-key")).ToHaveCountAsync(0);

        await console.GetByTestId("api-key-revoke").ClickAsync();
        await Expect(console.GetByTestId("admin-status")).ToContainTextAsync("Revoked");
        Assert.Equal(401, (int)(await api.GetAsync("conversations")).StatusCode);
    }

    [Fact]
    public async Task An_admin_adds_a_webhook_sees_a_delivery_in_its_log_and_a_private_address_is_refused()
    {
        await using var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var console = await context.NewPageAsync();
        await Pages.SignInAsync(console, _server);
        await console.GotoAsync(new Uri(_server.BaseUrl, "console/admin/webhooks").ToString());

        await console.GetByTestId("webhook-url").FillAsync(_receiver.Url);
        await console.Locator("[data-testid=webhook-event][value='message.created']").CheckAsync();
        await console.GetByTestId("webhook-create").ClickAsync();
        await Expect(console.GetByTestId("admin-error")).ToContainTextAsync("private");
        await Expect(console.GetByTestId("webhook-row")).ToHaveCountAsync(0);

        await console.GetByTestId("webhook-allow-private").CheckAsync();
        await console.GetByTestId("webhook-create").ClickAsync();
        await Expect(console.GetByTestId("new-webhook-secret-value")).ToContainTextAsync("whsec_");
        await Expect(console.GetByTestId("webhook-row")).ToHaveCountAsync(1);

        await using (var agent = await _server.OpenConsoleAsync())
        {
            var (widget, _) = await _server.StartChatAsync(agent, text: "Is my order on its way?");
            await widget.DisposeAsync();
        }

        await _receiver.NextAcceptedAsync();
        await console.GetByTestId("webhook-log").ClickAsync();
        await Expect(console.GetByTestId("delivery")).ToHaveCountAsync(1);
        await Expect(console.GetByTestId("delivery")).ToHaveAttributeAsync("data-status", "delivered");
        await console.ScreenshotAsync(new() { Path = Pages.ScreenshotPath("webhook-delivery-log.png"), FullPage = true });

        await console.GetByTestId("delivery-retry").ClickAsync();
        await _receiver.NextAcceptedAsync();
        Assert.Equal(2, _receiver.All.Count);
        Assert.Single(_receiver.All.Select(h => h.EventId).Distinct());
    }

    [Fact]
    public async Task The_reference_page_shows_the_api_from_its_document()
    {
        await using var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var docs = await context.NewPageAsync();

        await docs.GotoAsync(new Uri(_server.BaseUrl, "api/docs").ToString());

        await Expect(docs.GetByText("Chat REST API").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Expect(docs.GetByText("Send an agent's message").First).ToBeVisibleAsync();
        await docs.ScreenshotAsync(new() { Path = Pages.ScreenshotPath("api-reference.png") });
    }
}
