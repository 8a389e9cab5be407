using Chat.Bench.Hosting;
using Chat.Bench.Load;
using Chat.Tests.Infrastructure;

namespace Chat.Bench.Targets;

/// <summary>A server the same load is run against: the chat server or the bare relay.</summary>
public interface ITarget : IAsyncDisposable
{
    /// <summary>For the report's columns.</summary>
    string Name { get; }

    /// <summary>The server process; with several nodes, the first (the one visitors connect to).</summary>
    ServerProcess Server { get; }

    /// <summary>Every server process of the target, measured each on its own: one, or one per node.</summary>
    IReadOnlyList<ServerProcess> Servers { get; }

    /// <summary>Opens <paramref name="count"/> conversations, each a visitor and an agent on their own connections, ready to message each other.</summary>
    Task<IReadOnlyList<Pair>> OpenPairsAsync(int count, DeliveryHandler? onDelivery, CancellationToken ct);

    /// <summary>Opens one idle visitor connection, for the connections scenario; <see cref="PrepareVisitorsAsync"/> first.</summary>
    Task<RawHubClient> ConnectVisitorAsync(int index, CancellationToken ct);

    /// <summary>Whatever each visitor connection needs beforehand (accounts, for the chat server).</summary>
    Task PrepareVisitorsAsync(int count, CancellationToken ct);
}
