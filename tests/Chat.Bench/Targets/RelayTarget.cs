using System.Collections.Concurrent;
using Chat.Bench.Hosting;
using Chat.Bench.Load;
using Chat.Bench.Relay;
using Chat.Tests.Infrastructure;

namespace Chat.Bench.Targets;

/// <summary>The bare relay in its own process: the same connections and messages, forwarded to a group and nothing else.</summary>
public sealed class RelayTarget : ITarget
{
    private readonly SourceAddresses _sources;
    private readonly ConcurrentBag<IAsyncDisposable> _open = [];

    private RelayTarget(ServerProcess server, SourceAddresses sources)
    {
        Server = server;
        Servers = [server];
        _sources = sources;
    }

    public string Name => "bare relay";

    public ServerProcess Server { get; }

    public IReadOnlyList<ServerProcess> Servers { get; }

    private Uri HubUrl => new($"ws://{Server.BaseUrl.Authority}{RelayApp.HubPath}");

    public static async Task<RelayTarget> StartAsync(SourceAddresses sources, CancellationToken ct) =>
        new(await ServerProcess.StartAsync("relay", Connections.HostArgs(), Connections.ServerMaxLifetime, ct), sources);

    public async Task<IReadOnlyList<Pair>> OpenPairsAsync(int count, DeliveryHandler? onDelivery, CancellationToken ct)
    {
        var pairs = new Pair[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), Connections.Parallel(ct), async (i, token) =>
        {
            var group = $"pair-{i}";
            pairs[i] = new Pair(i, await JoinAsync(Roles.Visitor, group, onDelivery, token), await JoinAsync(Roles.Agent, group, onDelivery, token));
        });
        return pairs;
    }

    private async Task<Peer> JoinAsync(string role, string group, DeliveryHandler? onDelivery, CancellationToken ct)
    {
        var peer = new Peer(role, onDelivery);
        _open.Add(peer);
        await peer.ConnectAsync(
            t => RawHubClient.ConnectAsync(HubUrl, Connections.Options(_sources, peer), t),
            (client, t) => client.CallAsync("Join", t, new RelayJoin(group)),
            ct);
        peer.SendWith((clientId, text) => new RelayMessage(group, role, clientId, text));
        return peer;
    }

    public Task PrepareVisitorsAsync(int count, CancellationToken ct) => Task.CompletedTask;

    public Task<RawHubClient> ConnectVisitorAsync(int index, CancellationToken ct) =>
        RawHubClient.ConnectAsync(HubUrl, Connections.Options(_sources, peer: null), ct);

    public async ValueTask DisposeAsync()
    {
        await Parallel.ForEachAsync(_open, CancellationToken.None, async (peer, _) => await peer.DisposeAsync());
        await Server.DisposeAsync();
    }
}
