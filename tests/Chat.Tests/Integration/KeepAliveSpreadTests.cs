using System.Diagnostics;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Integration;

/// <summary>
/// Connections opened together, as after a restart, are not pinged together: each gets its
/// first keep-alive ping at its own moment within the interval (SignalR's default, 15 s), and
/// none later than without the spread.
/// </summary>
public sealed class KeepAliveSpreadTests : IAsyncLifetime
{
    private const int Connections = 30;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);
    private ChatServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Connections_opened_in_the_same_second_get_their_first_ping_spread_over_the_interval()
    {
        var visitors = await Task.WhenAll(Enumerable.Range(0, Connections).Select(i => _server.NewVisitorAsync($"Visitor {i}")));
        var clock = Stopwatch.StartNew();
        var firstPings = visitors.Select(_ => new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var clients = await Task.WhenAll(visitors.Select((visitor, i) => RawHubClient.ConnectAsync(_server.VisitorHubUrl(visitor.Token), new RawHubClientOptions
        {
            Origin = _server.Origin,
            OnPing = () => firstPings[i].TrySetResult(clock.Elapsed),
        }, CancellationToken.None)));
        var allOpen = clock.Elapsed;
        try
        {
            // Unspread, every first ping comes 15-16 s after its connect; spread, none comes later.
            var pings = await Task.WhenAll(firstPings.Select(p => p.Task)).WaitAsync(Interval + TimeSpan.FromSeconds(5));

            Assert.True(allOpen < TimeSpan.FromSeconds(3), $"the connections took {allOpen} to open, too slow to tell a spread from a slow start");
            var span = pings.Max() - pings.Min();
            // 30 moments drawn over 15 s all fall within 7.5 s of each other about once in 18 million runs.
            Assert.True(span > Interval / 2, $"first pings came within {span.TotalSeconds:F1} s of each other: {string.Join(", ", pings.Order().Select(p => p.TotalSeconds.ToString("F1")))}");
            Assert.All(pings, p => Assert.True(p < allOpen + Interval + TimeSpan.FromSeconds(2), $"a first ping came {p.TotalSeconds:F1} s after the start"));
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }
}
