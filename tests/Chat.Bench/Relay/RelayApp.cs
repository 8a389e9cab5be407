using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Bench.Relay;

/// <summary>The bare relay's host: Kestrel and SignalR set up as the chat server sets them up, and nothing else.</summary>
public static class RelayApp
{
    public const string HubPath = "/hubs/relay";

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddSignalR(o => o.MaximumReceiveMessageSize = 64 * 1024);
        var app = builder.Build();
        app.MapHub<RelayHub>(HubPath, o => o.Transports = HttpTransportType.WebSockets);
        return app;
    }
}
