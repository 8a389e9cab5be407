using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Components.Server.Circuits;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Chat.Server.Observability;

/// <summary>
/// Metrics and traces. The <c>Chat</c> meter always records (to nobody unless something listens).
/// With <c>Chat:Metrics:Enabled</c> the <c>Chat</c> meter and ASP.NET Core's own (hosting, Kestrel,
/// SignalR connections, Blazor circuits, the runtime) are served at /metrics in Prometheus text,
/// restricted by <see cref="MetricsAccess"/>; with an OTLP endpoint they are pushed there, with
/// traces of a message's path (<see cref="ChatTracing"/>).
/// </summary>
public static class Telemetry
{
    public const string MetricsPath = "/metrics";

    private static readonly string[] Meters =
    [
        ChatMetrics.MeterName,
        // Besides those AddAspNetCoreInstrumentation adds (Hosting, Server.Kestrel, Http.Connections
        // for SignalR's connections, Routing, Diagnostics, RateLimiting).
        "Microsoft.AspNetCore.Components.Server.Circuits",
        "System.Runtime",
    ];

    private static readonly string[] Sources = [ChatTracing.SourceName, "Microsoft.AspNetCore.SignalR.Server"];

    public static void AddTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ChatMetrics>();
        builder.Services.AddSingleton<CircuitHandler, ConsoleCircuits>();
        var metrics = builder.Configuration.GetSection("Chat:Metrics").Get<MetricsOptions>() ?? new MetricsOptions();
        builder.Services.AddSingleton(MetricsAccess.From(metrics));
        var otlpEndpoint = builder.Configuration["Chat:Otlp:Endpoint"];
        var otlp = !string.IsNullOrWhiteSpace(otlpEndpoint) || !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        if (!metrics.Enabled && !otlp)
        {
            return;
        }

        builder.Services.AddHostedService<QueueLengths>();
        var otel = builder.Services.AddOpenTelemetry().ConfigureResource(r => r.AddService("chat"));
        otel.WithMetrics(m =>
        {
            m.AddMeter(Meters).AddAspNetCoreInstrumentation();
            if (metrics.Enabled)
            {
                m.AddPrometheusExporter();
            }

            if (otlp)
            {
                m.AddOtlpExporter(o => UseEndpoint(o, otlpEndpoint));
            }
        });
        // Meters made by a host's meter factory belong to that host; OpenTelemetry matches meters by
        // name only, so without this a process holding several servers (tests do) would mix their figures.
        builder.Services.ConfigureOpenTelemetryMeterProvider((services, m) =>
        {
            var own = services.GetRequiredService<IMeterFactory>();
            m.AddView(i => i.Meter.Scope is null || ReferenceEquals(i.Meter.Scope, own) ? null : MetricStreamConfiguration.Drop);
        });
        if (otlp)
        {
            otel.WithTracing(t => t
                .AddSource(Sources)
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsOperations(http.Request.Path))
                .AddOtlpExporter(o => UseEndpoint(o, otlpEndpoint)));
        }

        if (metrics.Enabled && metrics.Port is { } port)
        {
            ListenAlsoOn(builder, port);
        }
    }

    /// <summary>
    /// /metrics, when enabled: on the metrics port only when one is set (404 elsewhere), and only
    /// for allowed addresses (403 otherwise). The metrics port serves nothing but /metrics and health.
    /// </summary>
    public static void UseMetricsPort(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ChatOptions>>().Value.Metrics;
        if (options.Enabled && options.Port is { } port)
        {
            app.UseWhen(http => http.Connection.LocalPort == port && !IsOperations(http.Request.Path), b => b.Run(http =>
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }));
        }
    }

    public static void MapMetrics(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ChatOptions>>().Value.Metrics;
        if (!options.Enabled)
        {
            return;
        }

        var access = app.Services.GetRequiredService<MetricsAccess>();
        app.MapPrometheusScrapingEndpoint(MetricsPath, meterProvider: null, configureBranchedPipeline: b => b.Use(async (http, next) =>
        {
            if (options.Port is { } port && http.Connection.LocalPort != port)
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            if (!access.Allows(http.Connection.RemoteIpAddress))
            {
                await Problems.Of(StatusCodes.Status403Forbidden, "metrics_not_allowed",
                    "This address may not read the metrics; see Chat:Metrics:AllowedAddresses.").ExecuteAsync(http);
                return;
            }

            await next(http);
        }), optionsName: null);
    }

    private static bool IsOperations(PathString path) => path.StartsWithSegments(MetricsPath) || path.StartsWithSegments("/healthz");

    private static void UseEndpoint(OtlpExporterOptions options, string? endpoint)
    {
        // Without Chat:Otlp:Endpoint the exporter reads the standard OTEL_EXPORTER_OTLP_* variables itself.
        if (!string.IsNullOrWhiteSpace(endpoint))
        {
            options.Endpoint = new Uri(endpoint);
            options.Protocol = OtlpExportProtocol.Grpc;
        }
    }

    /// <summary>The metrics port besides the usual addresses (Urls, or Kestrel's own endpoint settings).</summary>
    private static void ListenAlsoOn(WebApplicationBuilder builder, int port)
    {
        if (builder.Configuration.GetSection("Kestrel:Endpoints").GetChildren().Any())
        {
            // Kestrel's endpoint settings replace Urls; a listen set in code adds to them.
            builder.WebHost.ConfigureKestrel(k => k.ListenAnyIP(port));
            return;
        }

        var urls = builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey);
        var ports = builder.WebHost.GetSetting(WebHostDefaults.HttpPortsKey);
        var usual = !string.IsNullOrWhiteSpace(urls) ? urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : !string.IsNullOrWhiteSpace(ports) ? ports.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => $"http://*:{p}").ToArray()
            : ["http://localhost:5000"];
        builder.WebHost.UseUrls([.. usual, $"http://*:{port}"]);
    }
}
