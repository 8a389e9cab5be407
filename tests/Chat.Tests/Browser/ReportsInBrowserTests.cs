using Chat.AgentConsole.Port;
using Chat.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chat.Tests.Browser;

/// <summary>The reports page as a shop owner reads it: figures, charts with their tables, and a CSV to take away.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportsInBrowserTests(Chromium chromium) : IAsyncLifetime
{
    private ChatServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatServer.StartAsync("--Chat:Limits:ConversationsPerIpPerMinute=1000", "--Chat:Limits:VisitorsPerIpPerMinute=1000");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task An_admin_reads_today_s_figures_with_charts_tables_and_a_csv_and_an_agent_is_kept_out()
    {
        await using var agent = await _server.OpenConsoleAsync();
        var ratings = new[] { 5, 4, 2, 5 };
        for (var i = 0; i < ratings.Length; i++)
        {
            await using var widget = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync($"Visitor {i}", $"v{i}@example.com"));
            var id = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
            await agent.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == id);
            await widget.InvokeAsync("Send", new { conversationId = id, clientId = "v-1", text = "Hello, a question" });
            await agent.SendAsync(id, "Happy to help!", $"a-{i}");
            await agent.Port.ResolveAsync(agent.Agent.Id, id, CancellationToken.None);
            await widget.InvokeAsync("Rate", new { conversationId = id, rating = ratings[i], comment = ratings[i] <= 2 ? "=HYPERLINK(\"x\") too slow" : null });
        }

        await agent.Port.SetPresenceAsync(agent.Agent.Id, Presence.Away, CancellationToken.None);
        await using var unanswered = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync("Nobody Answered"));
        await unanswered.InvokeAsync("StartConversation");

        await using var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 }, AcceptDownloads = true });
        var console = await context.NewPageAsync();
        await Pages.SignInAsync(console, _server);
        await console.GetByTestId("reports-link").ClickAsync();

        await Expect(console.GetByTestId("tile-started")).ToContainTextAsync("5");
        await Expect(console.GetByTestId("tile-answered")).ToContainTextAsync("4");
        await Expect(console.GetByTestId("tile-missed")).ToContainTextAsync("1");
        await Expect(console.GetByTestId("tile-csat")).ToContainTextAsync("4.00");
        await Expect(console.GetByTestId("tile-happy")).ToContainTextAsync("75%");
        await Expect(console.GetByTestId("volume-chart").Locator("svg polyline")).ToHaveCountAsync(3);
        await Expect(console.GetByTestId("csat-chart").Locator("svg.chart-svg rect")).ToHaveCountAsync(5);
        await Expect(console.GetByTestId("busy-hours-chart").Locator("svg.chart-svg rect")).ToHaveCountAsync(7 * 24);
        await Expect(console.GetByTestId("low-rating")).ToContainTextAsync("too slow");
        await Expect(console.GetByTestId("agent-row")).ToContainTextAsync("Alex Admin");
        await Expect(console.GetByTestId("definitions")).ToContainTextAsync("Nearest rank");
        await console.ScreenshotAsync(new() { Path = Pages.ScreenshotPath("reports.png"), FullPage = true });

        // The visitor nobody answered still waits: Alex chose Away, and signing in keeps that choice.
        var download = await console.RunAndWaitForDownloadAsync(() => console.GetByTestId("csv-agents").ClickAsync());
        Assert.Equal("agents.csv", download.SuggestedFilename);
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.StartsWith("agent,chats_handled,transferred_on,first_response_median_seconds,rated,csat_average,actions_due,actions_kept_on_time\r\nAlex Admin,4,0,", csv, StringComparison.Ordinal);

        // An agent who is not an admin is not shown the page.
        var (email, password) = await _server.AddAgentAsync("Sam Small", capacity: 2);
        await using var agentContext = await chromium.Browser.NewContextAsync();
        var sam = await agentContext.NewPageAsync();
        await Pages.SignInAsync(sam, _server, email, password);
        await Expect(sam.GetByTestId("reports-link")).ToHaveCountAsync(0);
        await sam.GotoAsync(new Uri(_server.BaseUrl, "console/reports").ToString());
        await Expect(sam.GetByTestId("forbidden")).ToBeVisibleAsync();
        await Expect(sam.GetByTestId("tile-started")).ToHaveCountAsync(0);
    }
}
