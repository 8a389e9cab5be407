using Chat.Tests.Infrastructure;
using Chat.Tests.Operations;

namespace Chat.Tests.Browser;

/// <summary>The console's open circuits in /metrics, from a real console in Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleCircuitMetricsTests(Chromium chromium)
{
    [Fact]
    public async Task An_open_console_counts_as_one_circuit_until_its_tab_closes()
    {
        await using var server = await ChatServer.StartAsync("--Chat:Metrics:Enabled=true");
        await using var context = await chromium.Browser.NewContextAsync();
        var console = await context.NewPageAsync();

        await Pages.SignInAsync(console, server);
        Assert.Equal(1, await CircuitsOnceAsync(server, 1));

        await console.CloseAsync(new() { RunBeforeUnload = true });
        Assert.Equal(0, await CircuitsOnceAsync(server, 0));
    }

    /// <summary>Scrapes until the gauge shows <paramref name="expected"/>: a circuit opens and closes a moment after the page does.</summary>
    private static async Task<double?> CircuitsOnceAsync(ChatServer server, double expected)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var value = (await Scrape.ReadAsync(server.Http)).Value("chat_console_circuits");
            if (value == expected || deadline.IsCancellationRequested)
            {
                return value;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), CancellationToken.None);
        }
    }
}
