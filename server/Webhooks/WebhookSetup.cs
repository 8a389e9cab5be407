using Chat.Server.Events;

namespace Chat.Server.Webhooks;

/// <summary>Webhooks: the outbox recorder behind the event bus, and the sender.</summary>
public static class WebhookSetup
{
    /// <summary>Call after the event bus is registered: it wraps whichever bus is in place.</summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section);
        services.AddSingleton<WebhookEndpointStore>();
        services.AddSingleton<WebhookDeliveryStore>();
        services.AddSingleton<WebhookSignal>();
        services.AddSingleton<WebhookRecorder>();
        services.AddSingleton<WebhookAdmin>();
        services.AddHostedService(s => s.GetRequiredService<WebhookRecorder>());
        services.AddHostedService<WebhookSender>();

        var bus = services.Last(d => d.ServiceType == typeof(IEventBus));
        services.Remove(bus);
        services.AddSingleton<IEventBus>(s => new WebhookBus(Inner(s, bus), s.GetRequiredService<WebhookRecorder>()));
        return services;
    }

    private static IEventBus Inner(IServiceProvider services, ServiceDescriptor bus) =>
        (IEventBus)(bus.ImplementationFactory?.Invoke(services)
            ?? bus.ImplementationInstance
            ?? ActivatorUtilities.CreateInstance(services, bus.ImplementationType!));
}
