using System.Diagnostics;
using System.Text.Json;
using Chat.Server.Observability;
using Chat.Server.Redis;
using StackExchange.Redis;

namespace Chat.Server.Events;

/// <summary>
/// Fan-out across nodes over Redis pub/sub. A node subscribes to a channel when its first local
/// listener arrives and unsubscribes when the last leaves, so nodes read only what they serve.
/// Local listeners are served directly, so a chat whose two sides sit on one node keeps working
/// through a Redis outage; other nodes hear it through Redis. Redis may drop an event: clients
/// resync by sequence number, so a drop costs a resync, never a message.
/// </summary>
public sealed partial class RedisEventBus(RedisConnection redis, InProcessEventBus local, ILogger<RedisEventBus> logger) : IEventBus
{
    private readonly string _node = Ids.New();
    private readonly RedisKeys _keys = new(redis.KeyPrefix);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ChannelState> _channels = new(StringComparer.Ordinal);

    public async Task PublishAsync(string channel, ChatEvent chatEvent, CancellationToken ct)
    {
        await local.PublishAsync(channel, chatEvent, ct);
        var payload = JsonSerializer.Serialize(new BusEnvelope(_node, chatEvent, Activity.Current?.Id), BusJsonContext.Default.BusEnvelope);
        try
        {
            await redis.RunAsync(s => s.PublishAsync(RedisChannel.Literal(_keys.Channel(channel)), payload), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The change is committed and its sender acknowledged; listeners on other nodes catch up by resync.
            LogPublishFailed(e, channel);
        }
    }

    public IEventSubscription Subscribe(string channel, Func<ChatEvent, Task> handler)
    {
        var subscription = local.Subscribe(channel, handler);
        Task ready;
        lock (_gate)
        {
            if (!_channels.TryGetValue(channel, out var state))
            {
                state = new ChannelState();
                _channels[channel] = state;
                state.Subscribed = SubscribeUntilDoneAsync(channel, state);
            }

            state.Listeners++;
            ready = state.Subscribed;
        }

        return new Listener(ready, () =>
        {
            subscription.Dispose();
            lock (_gate)
            {
                if (_channels.TryGetValue(channel, out var state) && --state.Listeners == 0)
                {
                    _channels.Remove(channel);
                    state.Cancel.Cancel();
                    _ = UnsubscribeAsync(channel, state);
                }
            }
        });
    }

    /// <summary>Keeps trying while Redis is away, for as long as someone here listens.</summary>
    private async Task SubscribeUntilDoneAsync(string channel, ChannelState state)
    {
        var redisChannel = RedisChannel.Literal(_keys.Channel(channel));
        while (!state.Cancel.IsCancellationRequested)
        {
            try
            {
                await redis.RunAsync(s => s.SubscribeAsync(redisChannel, (_, value) => OnRemote(channel, value)), state.Cancel.Token);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSubscriptionFailed(e, channel);
                await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task UnsubscribeAsync(string channel, ChannelState state)
    {
        try
        {
            // Wait for a subscribe still under way, so it cannot land after the unsubscribe.
            await state.Subscribed;
            lock (_gate)
            {
                if (_channels.ContainsKey(channel))
                {
                    // Someone here listens again; that listener's subscription is the live one.
                    return;
                }
            }

            await redis.RunAsync(s => s.UnsubscribeAsync(RedisChannel.Literal(_keys.Channel(channel))), CancellationToken.None);
        }
        catch (Exception e)
        {
            LogSubscriptionFailed(e, channel);
        }
    }

    private void OnRemote(string channel, RedisValue value)
    {
        BusEnvelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize((string)value!, BusJsonContext.Default.BusEnvelope);
        }
        catch (JsonException e)
        {
            LogBadPayload(e, channel);
            return;
        }

        if (envelope is null || envelope.Node == _node)
        {
            return;
        }

        using var span = ChatTracing.Receive(channel, envelope.TraceParent);
        _ = local.PublishAsync(channel, envelope.Event, CancellationToken.None);
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Publishing to {Channel} through Redis failed; other nodes will resync")]
    private partial void LogPublishFailed(Exception e, string channel);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Changing the Redis subscription of {Channel} failed")]
    private partial void LogSubscriptionFailed(Exception e, string channel);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Ignored an unreadable event on {Channel}")]
    private partial void LogBadPayload(Exception e, string channel);

    private sealed class ChannelState
    {
        public int Listeners { get; set; }

        public Task Subscribed { get; set; } = Task.CompletedTask;

        public CancellationTokenSource Cancel { get; } = new();
    }

    private sealed class Listener(Task ready, Action dispose) : IEventSubscription
    {
        private int _disposed;

        public Task Ready { get; } = ready;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                dispose();
            }
        }
    }
}
