using Chat.Server.Agents;
using Chat.Server.Visitors;
using Chat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Tests.Integration;

/// <summary>
/// Our hubs are made from the root services, without a scope per call (RootScopedHubActivator),
/// which is only right while everything they depend on is a singleton: a scoped or transient
/// dependency would be made once for the root and kept, or leak one per call.
/// </summary>
public sealed class HubActivationTests : IAsyncLifetime
{
    private ChatServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData(typeof(VisitorHub))]
    [InlineData(typeof(AgentHub))]
    public async Task Everything_a_hub_depends_on_is_one_instance_for_the_whole_server(Type hub)
    {
        await using var first = _server.Services.CreateAsyncScope();
        await using var second = _server.Services.CreateAsyncScope();
        foreach (var dependency in hub.GetConstructors().Single().GetParameters().Select(p => p.ParameterType))
        {
            var one = first.ServiceProvider.GetRequiredService(dependency);
            Assert.True(ReferenceEquals(one, second.ServiceProvider.GetRequiredService(dependency)), $"{hub.Name} depends on {dependency.Name}, which is not a singleton.");
        }
    }
}
