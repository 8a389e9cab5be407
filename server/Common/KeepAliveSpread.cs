using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Chat.Server;

/// <summary>
/// Gives every hub connection (visitors', agents' and the console's circuits) its own phase in
/// the keep-alive cycle. SignalR pings a connection when it has sent nothing for the keep-alive
/// interval, counted from the moment it connected, and it checks all connections on the same
/// one-second heartbeat. After a restart thousands of browsers reconnect within seconds, so
/// without this their pings all fall due in the same second, every 15 seconds, for as long as
/// they stay: thousands of writes queued at once, write buffers grown together, and a
/// collection right after. Here the first ping of each connection comes at a random moment
/// within its first interval, and every later one keeps that phase.
/// </summary>
internal sealed class KeepAliveSpread<THub>(
    ILogger<DefaultHubLifetimeManager<THub>> logger,
    IOptions<HubOptions<THub>> hubOptions,
    IOptions<HubOptions> globalOptions,
    ILogger<KeepAliveSpread<THub>> log) : DefaultHubLifetimeManager<THub>(logger) where THub : Hub
{
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(15);
    private static int _unavailable;

    private readonly long _intervalTicks = TimestampTicks(hubOptions.Value.KeepAliveInterval ?? globalOptions.Value.KeepAliveInterval ?? DefaultInterval);

    public override Task OnConnectedAsync(HubConnectionContext connection)
    {
        ShiftPhase(connection);
        return base.OnConnectedAsync(connection);
    }

    private void ShiftPhase(HubConnectionContext connection)
    {
        if (Volatile.Read(ref _unavailable) == 1)
        {
            return;
        }

        try
        {
            // The connection counts from its last ping, set to its connect time; moving that back
            // by up to a whole interval brings its first ping forward by as much.
            LastSendTick(connection) -= Random.Shared.NextInt64(_intervalTicks);
        }
        catch (MissingFieldException e)
        {
            // A SignalR that keeps its clock elsewhere: connections keep their own phase, as before.
            if (Interlocked.Exchange(ref _unavailable, 1) == 0)
            {
                log.LogWarning(e, "Keep-alive pings are not spread: this SignalR version has no field to shift");
            }
        }
    }

    // SignalR keeps the keep-alive clock in a private field and offers no way to set its phase;
    // KeepAliveSpreadTests fails if a new version moves it.
    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_lastSendTick")]
    private static extern ref long LastSendTick(HubConnectionContext connection);

    // SignalR reads its clock through TimeProvider.System, whose ticks are the Stopwatch's.
    private static long TimestampTicks(TimeSpan interval) => (long)(interval.TotalSeconds * TimeProvider.System.TimestampFrequency);
}
