using System.Threading.Channels;
using Chat.Server.Events;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chat.Tests.Unit;

/// <summary>One listener's own queue: publishing never waits on it, and a listener that fell behind is told to resync.</summary>
public sealed class ListenerQueueTests
{
    private static QueueChangedEvent Event(int i) => new($"site-{i}");

    [Fact]
    public async Task Offering_to_a_listener_that_never_returns_does_not_wait_and_it_is_told_to_resync_once_it_catches_up()
    {
        var stuck = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var delivered = Channel.CreateUnbounded<string>();
        var resyncs = Channel.CreateUnbounded<bool>();
        using var queue = new ListenerQueue("test", async (e, _) =>
        {
            await stuck.Task;
            await delivered.Writer.WriteAsync(((QueueChangedEvent)e).SiteId);
        }, _ =>
        {
            resyncs.Writer.TryWrite(true);
            return Task.CompletedTask;
        }, NullLogger.Instance, capacity: 4);

        // The drain loop may already hold the first event, blocked; four more fill the queue.
        for (var i = 0; i < 100; i++)
        {
            queue.Offer(Event(i));
        }

        Assert.InRange(queue.Dropped, 95, 96);
        Assert.False(resyncs.Reader.TryRead(out _));

        stuck.SetResult();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        Assert.True(await resyncs.Reader.ReadAsync(timeout.Token));
        var received = new List<string>();
        while (delivered.Reader.TryRead(out var siteId))
        {
            received.Add(siteId);
        }

        // What was taken arrives in order, once (a slot freed by the loop may take a later event);
        // the rest is left to the resync.
        var numbers = received.Select(r => int.Parse(r["site-".Length..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(numbers.Order(), numbers);
        Assert.Equal(numbers.Distinct().Count(), numbers.Count);
        Assert.Equal(0, numbers[0]);
        Assert.Equal(100 - queue.Dropped, received.Count);
    }

    [Fact]
    public async Task A_listener_that_throws_still_gets_the_next_event()
    {
        var delivered = Channel.CreateUnbounded<string>();
        using var queue = new ListenerQueue("test", (e, _) =>
        {
            var siteId = ((QueueChangedEvent)e).SiteId;
            return siteId == "site-0" ? throw new InvalidOperationException("socket closed") : delivered.Writer.WriteAsync(siteId).AsTask();
        }, _ => Task.CompletedTask, NullLogger.Instance, capacity: 8);

        queue.Offer(Event(0));
        queue.Offer(Event(1));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        Assert.Equal("site-1", await delivered.Reader.ReadAsync(timeout.Token));
    }

    [Fact]
    public async Task A_disposed_listener_stops_even_while_a_delivery_hangs()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var queue = new ListenerQueue("test", async (_, ct) =>
        {
            ct.Register(cancelled.SetResult);
            started.SetResult();
            await Task.Delay(Timeout.Infinite, ct);
        }, _ => Task.CompletedTask, NullLogger.Instance, capacity: 8);
        queue.Offer(Event(0));
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        queue.Dispose();
        queue.Offer(Event(1));

        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
