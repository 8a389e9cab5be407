using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Chat.Server.Observability;
using Chat.Server.Redis;
using StackExchange.Redis;

namespace Chat.Server.Events;

/// <summary>
/// Fan-out across nodes over Redis sharded pub/sub (Redis 7): on a cluster each channel lives on
/// the shard that owns its slot, so an event goes to one shard, not to every node of the
/// cluster; on a single Redis it is plain pub/sub. A node subscribes to a channel when its first local
/// listener arrives and unsubscribes when the last leaves, so nodes read only what they serve.
/// Local listeners are served directly, so a chat whose two sides sit on one node keeps working
/// through a Redis outage; other nodes hear it through Redis. Redis may drop an event: clients
/// resync by sequence number, so a drop costs a resync, never a message.
/// </summary>
public sealed partial class RedisEventBus : IEventBus
{
    /// <summary>Events waiting for Redis; while Redis is away the oldest go first (other nodes' clients resync).</summary>
    private const int OutgoingCapacity = 10_000;

    private readonly string _node = Ids.New();
    private readonly RedisConnection redis;
    private readonly InProcessEventBus local;
    private readonly ILogger<RedisEventBus> logger;
    private readonly RedisKeys _keys;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ChannelState> _channels = new(StringComparer.Ordinal);
    private readonly Channel<Outgoing> _outgoing = Channel.CreateBounded<Outgoing>(
        new BoundedChannelOptions(OutgoingCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest });

    public RedisEventBus(RedisConnection redis, InProcessEventBus local, ILogger<RedisEventBus> logger)
    {
        this.redis = redis;
        this.local = local;
        this.logger = logger;
        _keys = new RedisKeys(redis.KeyPrefix);
        _ = Task.Run(SendOutgoingAsync);
    }

    public void Publish(ChatEvent chatEvent)
    {
        local.Publish(chatEvent);
        // The trace goes along, so delivery on other nodes joins the sender's trace.
        _outgoing.Writer.TryWrite(new Outgoing(chatEvent, Activity.Current?.Id));
    }

    /// <summary>
    /// One loop sends every event to Redis in the order it was published: all waiting events are
    /// written at once (the multiplexer pipelines them on one connection), then awaited together.
    /// </summary>
    private async Task SendOutgoingAsync()
    {
        var reader = _outgoing.Reader;
        var sends = new List<Task>();
        while (await reader.WaitToReadAsync())
        {
            ISubscriber subscriber;
            try
            {
                subscriber = (await redis.MultiplexerAsync()).GetSubscriber();
            }
            catch (Exception e)
            {
                LogPublishFailed(e, "(connecting)");
                continue;
            }

            sends.Clear();
            while (sends.Count < 1000 && reader.TryRead(out var outgoing))
            {
                var payload = JsonSerializer.Serialize(new BusEnvelope(_node, outgoing.Event, outgoing.TraceParent), BusJsonContext.Default.BusEnvelope);
                foreach (var channel in Audience.Of(outgoing.Event))
                {
                    sends.Add(subscriber.PublishAsync(RedisChannel.Sharded(_keys.Channel(channel)), payload));
                }
            }

            try
            {
                await Task.WhenAll(sends);
            }
            catch (Exception e)
            {
                // The change is committed and its sender acknowledged; listeners on other nodes catch up by resync.
                LogPublishFailed(e, "(batch)");
            }
        }
    }

    public IEventSubscription Subscribe(string channel, IEventListener listener)
    {
        var subscription = local.Subscribe(channel, listener);
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
        var redisChannel = RedisChannel.Sharded(_keys.Channel(channel));
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

            await redis.RunAsync(s => s.UnsubscribeAsync(RedisChannel.Sharded(_keys.Channel(channel))), CancellationToken.None);
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
        local.Offer(channel, envelope.Event);
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Publishing to {Channel} through Redis failed; other nodes will resync")]
    private partial void LogPublishFailed(Exception e, string channel);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Changing the Redis subscription of {Channel} failed")]
    private partial void LogSubscriptionFailed(Exception e, string channel);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Ignored an unreadable event on {Channel}")]
    private partial void LogBadPayload(Exception e, string channel);

    private readonly record struct Outgoing(ChatEvent Event, string? TraceParent);

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
