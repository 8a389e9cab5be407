using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Chat.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chat.Tests.Browser;

/// <summary>
/// The console's connection drops, as it does for every agent when a node restarts: it comes
/// back by itself, at a moment of its own within the first 3 s rather than at once with
/// everyone else, and the chat goes on.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ConsoleReconnectInBrowserTests(Chromium chromium) : IAsyncLifetime
{
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(15);
    private ChatServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [GeneratedRegex("/_blazor")]
    private static partial Regex CircuitSocket();

    [Fact]
    public async Task A_dropped_console_reconnects_by_itself_after_a_spread_first_try_and_the_chat_goes_on()
    {
        await using var context = await chromium.Browser.NewContextAsync();
        var console = await context.NewPageAsync();
        var sockets = new List<IWebSocketRoute>();
        var opened = new SemaphoreSlim(0);
        await console.RouteWebSocketAsync(CircuitSocket(), socket =>
        {
            socket.ConnectToServer();
            lock (sockets)
            {
                sockets.Add(socket);
            }

            opened.Release();
        });
        await Pages.SignInAsync(console, _server);

        await using var widget = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync("Ana Lima"));
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await widget.InvokeAsync("Send", new { conversationId, clientId = "before", text = "Is the mug dishwasher safe?" });
        await Expect(console.GetByTestId("pane-customer")).ToHaveTextAsync("Ana Lima");

        // Drop the circuit's socket as a restart would, then wait for the console to open a new one.
        while (opened.CurrentCount > 0)
        {
            await opened.WaitAsync();
        }

        IWebSocketRoute circuit;
        lock (sockets)
        {
            circuit = sockets[^1];
        }

        var dropped = Stopwatch.StartNew();
        await circuit.CloseAsync();
        Assert.True(await opened.WaitAsync(Prompt), "the console never opened its connection again");
        var cameBack = dropped.Elapsed;

        // Its first try is spread over 3 s (at most, with the time to open the socket).
        Assert.True(cameBack < TimeSpan.FromSeconds(5), $"the console took {cameBack} to try again");
        var delays = await console.EvaluateAsync<JsonElement>("[0, 0.5, 0.999].map(r => chatConsoleReconnectDelay(0, () => r))");
        Assert.Equal([0, 1500, 2997], delays.EnumerateArray().Select(d => d.GetInt32()));

        // The same circuit goes on: a new message reaches the open chat and the agent's reply reaches the visitor.
        await widget.InvokeAsync("Send", new { conversationId, clientId = "after", text = "And the lid?" });
        await Expect(console.GetByTestId("message-text").Filter(new() { HasText = "And the lid?" })).ToBeVisibleAsync(new() { Timeout = (float)Prompt.TotalMilliseconds });
        var reply = widget.WaitForEventAsync("message", m => m.GetProperty("text").GetString() == "The lid too, Ana.", Prompt);
        await Pages.SendAsync(console.Locator("body"), "The lid too, Ana.");
        await reply;
    }
}
