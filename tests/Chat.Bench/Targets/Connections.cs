using Chat.Bench.Load;
using Chat.Tests.Infrastructure;

namespace Chat.Bench.Targets;

/// <summary>How every bench connection is opened, whichever the target.</summary>
public static class Connections
{
    /// <summary>The browser client's keep-alive: the server drops a client silent for 30 s.</summary>
    public static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    /// <summary>Connections opened at once while setting up.</summary>
    public const int SetupParallelism = 32;

    /// <summary>The server processes outlive no bench: this is their hard stop if the bench could not stop them.</summary>
    public static readonly TimeSpan ServerMaxLifetime = TimeSpan.FromMinutes(40);

    /// <summary>Connections that open all at once in a reconnect burst, as browsers do when a server restarts.</summary>
    public const int BurstParallelism = 1_000;

    /// <summary>
    /// A peer pings on its own schedule (<see cref="Peer.KeepAlive"/>), which the bench can
    /// spread; a bare connection (the connections scenario) pings on the client's own timer.
    /// </summary>
    public static RawHubClientOptions Options(SourceAddresses sources, Peer? peer, string? cookie = null) => new()
    {
        Cookie = cookie,
        Invoker = sources.NextInvoker(),
        KeepAliveInterval = peer is null ? KeepAlive : null,
        OnEvent = peer is null ? null : peer.OnEvent,
    };

    public static ParallelOptions Parallel(CancellationToken ct) => new() { MaxDegreeOfParallelism = SetupParallelism, CancellationToken = ct };

    /// <summary>Kestrel on loopback at a free port, quiet logs: console logging of every assignment would be measured too.</summary>
    public static IEnumerable<string> HostArgs() =>
    [
        "--urls=http://127.0.0.1:0",
        "--Logging:LogLevel:Default=Warning",
        "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning",
    ];
}
