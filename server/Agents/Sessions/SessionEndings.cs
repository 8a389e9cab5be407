using Chat.Server.Redis;
using StackExchange.Redis;

namespace Chat.Server.Agents.Sessions;

/// <summary>
/// Tells every node that an agent's sessions ended, so each drops the cached stamp and closes
/// the connections and consoles it holds for that agent. One node: a direct call. Several
/// nodes: a Redis channel every node listens to. A lost announcement costs at most
/// <see cref="AgentSessions.CacheFor"/> before the other nodes read the new stamp themselves.
/// </summary>
public sealed partial class SessionEndings(IServiceProvider services, ILogger<SessionEndings> logger) : IHostedService
{
    private readonly RedisConnection? _redis = services.GetService<RedisConnection>();

    private RedisChannel Channel => RedisChannel.Sharded(new RedisKeys(_redis!.KeyPrefix).Channel("sessions:ended"));

    private AgentSessions Sessions => services.GetRequiredService<AgentSessions>();

    public async Task AnnounceAsync(string agentId, CancellationToken ct)
    {
        if (_redis is null)
        {
            return;
        }

        try
        {
            // This node already forgot; the others hear it here (a node also hears its own, harmlessly).
            await _redis.RunAsync(s => s.PublishAsync(Channel, agentId), ct);
        }
        catch (Exception e) when (InfrastructureErrors.IsInfrastructure(e))
        {
            AnnounceFailed(e, agentId);
        }
    }

    public async Task StartAsync(CancellationToken ct)
    {
        if (_redis is null)
        {
            return;
        }

        try
        {
            // The multiplexer subscribes again by itself after Redis comes back.
            var subscriber = (await _redis.MultiplexerAsync()).GetSubscriber();
            await subscriber.SubscribeAsync(Channel, (_, agentId) => Sessions.Forget(agentId.ToString()));
        }
        catch (Exception e) when (InfrastructureErrors.IsInfrastructure(e))
        {
            SubscribeFailed(e);
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    [LoggerMessage(EventId = 1611, Level = LogLevel.Warning, Message = "Telling other nodes that the sessions of agent {AgentId} ended failed; they notice within seconds")]
    private partial void AnnounceFailed(Exception exception, string agentId);

    [LoggerMessage(EventId = 1612, Level = LogLevel.Warning, Message = "Listening for ended sessions on Redis failed; cached stamps still expire within seconds")]
    private partial void SubscribeFailed(Exception exception);
}
