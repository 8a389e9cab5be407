using System.Collections.Concurrent;
using System.Text.Json;
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
public sealed partial class RedisEventBus(RedisConnection redis, InProcessEventBus local, ILogger<RedisEventBus> logger) : IEventBus, IDisposable
{
    private readonly string _node = Ids.New();
    private readonly RedisKeys _keys = new(redis.KeyPrefix);
    private readonly ConcurrentDictionary<string, int> _listeners = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _subscriptionGate = new(1, 1);
    private readonly HashSet<string> _subscribed = new(StringComparer.Ordinal);

    public async Task PublishAsync(string channel, ChatEvent chatEvent, CancellationToken ct)
    {
        await local.PublishAsync(channel, chatEvent, ct);
        var payload = JsonSerializer.Serialize(new BusEnvelope(_node, chatEvent), BusJsonContext.Default.BusEnvelope);
        try
        {
            await redis.RunAsync(s => s.PublishAsync(_keys.Channel(channel), payload), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The change is committed and its sender acknowledged; listeners on other nodes catch up by resync.
            LogPublishFailed(e, channel);
        }
    }

    public IDisposable Subscribe(string channel, Func<ChatEvent, Task> handler)
    {
        var subscription = local.Subscribe(channel, handler);
        if (_listeners.AddOrUpdate(channel, 1, (_, n) => n + 1) == 1)
        {
            _ = ChangeSubscriptionAsync(channel);
        }

        return new Listener(() =>
        {
            subscription.Dispose();
            if (_listeners.AddOrUpdate(channel, 0, (_, n) => n - 1) <= 0)
            {
                _ = ChangeSubscriptionAsync(channel);
            }
        });
    }

    /// <summary>Brings the Redis subscription in line with whether anyone here still listens.</summary>
    private async Task ChangeSubscriptionAsync(string channel)
    {
        await _subscriptionGate.WaitAsync();
        try
        {
            var wanted = _listeners.TryGetValue(channel, out var count) && count > 0;
            var redisChannel = new RedisChannel(_keys.Channel(channel), RedisChannel.PatternMode.Literal);
            if (wanted && !_subscribed.Contains(channel))
            {
                await redis.RunAsync(s => s.SubscribeAsync(redisChannel, (_, value) => OnRemote(channel, value)), CancellationToken.None);
                _subscribed.Add(channel);
            }
            else if (!wanted && _subscribed.Contains(channel))
            {
                _listeners.TryRemove(new KeyValuePair<string, int>(channel, count));
                await redis.RunAsync(s => s.UnsubscribeAsync(redisChannel), CancellationToken.None);
                _subscribed.Remove(channel);
            }
        }
        catch (Exception e)
        {
            LogSubscriptionFailed(e, channel);
        }
        finally
        {
            _subscriptionGate.Release();
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

        _ = local.PublishAsync(channel, envelope.Event, CancellationToken.None);
    }

    public void Dispose() => _subscriptionGate.Dispose();

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Publishing to {Channel} through Redis failed; other nodes will resync")]
    private partial void LogPublishFailed(Exception e, string channel);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Changing the Redis subscription of {Channel} failed")]
    private partial void LogSubscriptionFailed(Exception e, string channel);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Ignored an unreadable event on {Channel}")]
    private partial void LogBadPayload(Exception e, string channel);

    private sealed class Listener(Action dispose) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                dispose();
            }
        }
    }
}
