using Microsoft.AspNetCore.SignalR;

namespace Chat.Server;

/// <summary>
/// Makes our hubs from the root services. SignalR's own activator is a scoped service, so every
/// call on every connection built a scope's table of services just to find it; our hubs depend
/// on singletons only, which HubActivationTests checks.
/// </summary>
internal sealed class RootScopedHubActivator<THub>(IServiceProvider services) : IHubActivator<THub> where THub : Hub
{
    private static readonly ObjectFactory<THub> Make = ActivatorUtilities.CreateFactory<THub>([]);

    public THub Create() => Make(services, null);

    public void Release(THub hub) => hub.Dispose();
}
