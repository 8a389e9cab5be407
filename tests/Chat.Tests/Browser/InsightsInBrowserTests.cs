using Chat.AgentConsole.Port;
using Chat.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chat.Tests.Browser;

/// <summary>The three-times rule as an admin meets it: what keeps coming up, with its chats, marked acted on.</summary>
[Collection(BrowserCollection.Name)]
public sealed class InsightsInBrowserTests(Chromium chromium) : IAsyncLifetime
{
    private ChatServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task An_admin_sees_what_was_heard_three_times_opens_one_of_its_chats_and_marks_it_acted_on()
    {
        await using (var agent = await _server.OpenConsoleAsync())
        {
            foreach (var (name, first) in new[]
            {
                ("Ana Lima", "Hi, the tracking link in my email is broken"),
                ("Ben Okafor", "Tracking link broken, order 1002"),
                ("Carla Rossi", "Der Tracking Link funktioniert nicht"),
                ("Dan Wu", "Can I pay with PayPal?"),
            })
            {
                await using var widget = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync(name, null));
                var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
                await widget.InvokeAsync("Send", new { conversationId, clientId = "first", text = first });
                await agent.Port.AddConversationTagAsync(agent.Agent.Id, conversationId, name == "Dan Wu" ? "payment" : "shipping", CancellationToken.None);
            }
        }

        await using var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var console = await context.NewPageAsync();
        await Pages.SignInAsync(console, _server);
        await console.GotoAsync(new Uri(_server.BaseUrl, "console/admin/insights").ToString());

        var raised = console.GetByTestId("insight");
        await Expect(raised.GetByTestId("insight-label")).ToHaveTextAsync(["link", "tracking", "tracking link", "shipping"]);
        var shipping = console.Locator("[data-testid=insight][data-kind=tag]");
        await Expect(shipping.GetByTestId("insight-count")).ToHaveTextAsync("3 conversations");
        await Expect(shipping.GetByTestId("insight-link")).ToHaveCountAsync(3);
        await Expect(console.Locator("[data-testid=insight-counts][data-kind=tag] tbody tr")).ToHaveTextAsync(["shipping3", "payment1"]);
        await console.ScreenshotAsync(new() { Path = Pages.ScreenshotPath("insights-raised.png"), FullPage = true });

        // Marked acted on with a note: it leaves the raised list and is kept with what was done.
        var phrase = raised.Filter(new() { Has = console.GetByTestId("insight-label").GetByText("tracking link", new() { Exact = true }) });
        await phrase.GetByTestId("insight-act").ClickAsync();
        await console.GetByTestId("insight-note").FillAsync("Fixed the link in the dispatch email");
        await console.GetByTestId("insight-save").ClickAsync();
        await Expect(console.GetByTestId("admin-status")).ToContainTextAsync("“tracking link” marked acted on.");
        await Expect(raised.GetByTestId("insight-label")).ToHaveTextAsync(["link", "tracking", "shipping"]);
        await Expect(console.GetByTestId("insight-acted")).ToContainTextAsync("Alex Admin: Fixed the link in the dispatch email");
        await console.ScreenshotAsync(new() { Path = Pages.ScreenshotPath("insights-acted-on.png"), FullPage = true });

        // Each raised item links to its conversations.
        await shipping.GetByTestId("insight-link").Filter(new() { HasText = "Ana Lima" }).ClickAsync();
        await Expect(console.GetByTestId("pane-customer")).ToHaveTextAsync("Ana Lima");
        Assert.Equal(1L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM insight_marks"));
    }
}
