using System.Text.Json.Serialization;
using Chat.AgentConsole;
using Chat.AgentConsole.Port;
using Chat.Server.Admin;
using Chat.Server.Agents;
using Chat.Server.Agents.Sessions;
using Chat.Server.Agents.SignIn;
using Chat.Server.Api;
using Chat.Server.Audit;
using Chat.Server.CannedReplies;
using Chat.Server.Coach;
using Chat.Server.Conversations;
using Chat.Server.CustomerData;
using Chat.Server.Customers;
using Chat.Server.Demo;
using Chat.Server.Email;
using Chat.Server.Events;
using Chat.Server.FirstRun;
using Chat.Server.History;
using Chat.Server.Insights;
using Chat.Server.Limits;
using Chat.Server.NextActions;
using Chat.Server.Observability;
using Chat.Server.Privacy;
using Chat.Server.Redis;
using Chat.Server.Refusals;
using Chat.Server.Reports;
using Chat.Server.Retention;
using Chat.Server.Routing;
using Chat.Server.Sites;
using Chat.Server.Storage;
using Chat.Server.Visitors;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Chat.Server;

/// <summary>Builds the whole server; Program runs it and tests start it on a free port.</summary>
public static class ChatApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // Fixed so the console's static assets are found however the server is started.
            ApplicationName = typeof(ChatApp).Assembly.GetName().Name,
        });
        configure?.Invoke(builder);
        // Serves the console's CSS and Blazor's script from the build output as well as from a publish.
        builder.WebHost.UseStaticWebAssets();

        builder.Services.AddOptions<ChatOptions>().BindConfiguration(ChatOptions.Section);
        builder.Services.AddProblemDetails();
        AddRefusals(builder);
        builder.Services.AddForwardedHeaders(builder.Configuration);
        // The widget's scripts go to every page of every shop: send them compressed. Only static
        // scripts and styles, never pages or API answers, which may carry secrets.
        builder.Services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.MimeTypes = ["text/javascript", "text/css"];
        });
        AddChat(builder.Services, builder.Configuration);
        SignInKeys.AddSignInKeys(builder.Services);
        // After the start-up work, so the queue sampler starts on a migrated database.
        builder.AddTelemetry();
        AddConsole(builder.Services);
        builder.Services.AddAgentHub();
        builder.Services.AddAgentSessions();
        builder.Services.AddApi();
        builder.Services.AddSignalR(o =>
        {
            // Room for a 4,000-character message with its JSON; anything larger is cut off at the frame.
            o.MaximumReceiveMessageSize = 64 * 1024;
        }).AddJsonProtocol(o => o.PayloadSerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow);
        // SignalR's JSON protocol, except that calls it cannot bind reach the filters (CheckedJsonHubProtocol).
        // Only the JSON protocol is replaced: the console's circuits speak their own.
        foreach (var json in builder.Services.Where(d => d.ServiceType == typeof(IHubProtocol) && d.ImplementationType == typeof(JsonHubProtocol)).ToList())
        {
            builder.Services.Remove(json);
        }

        builder.Services.AddSingleton<IHubProtocol, CheckedJsonHubProtocol>();
        AddHubFilters(builder.Services);
        builder.Services.AddSingleton<IHubActivator<VisitorHub>, RootScopedHubActivator<VisitorHub>>();
        builder.Services.AddSingleton<IHubActivator<AgentHub>, RootScopedHubActivator<AgentHub>>();
        // Each connection its own moment to ping, so a reconnect storm does not ping in step.
        builder.Services.AddSingleton(typeof(HubLifetimeManager<>), typeof(KeepAliveSpread<>));

        var app = builder.Build();
        // First: the client's real address and scheme (from a known proxy only) for all that follows.
        app.UseSecurityHeaders();
        app.UseMetricsPort();
        app.UseExceptionHandler();
        app.UseResponseCompression();
        app.UseStatusCodePages();
        app.UseStaticFiles();
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/hubs/visitor"), b => b.UseMiddleware<VisitorGate>());
        app.UseWhen(c => c.Request.Path.StartsWithSegments(AgentEndpoints.HubPath), b => b.UseMiddleware<AgentGate>());
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        // Blazor's own script and the console's CSS come from the static web assets manifest.
        app.MapStaticAssets();
        app.MapHealth();
        app.MapMetrics();
        app.MapFavicon();
        app.MapDemoShop();
        app.MapWidget();
        app.MapVisitors();
        app.MapHub<VisitorHub>("/hubs/visitor", o => o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets);
        app.MapConsole();
        app.MapAgents();
        app.MapEmail();
        app.MapApi();
        return app;
    }

    /// <summary>
    /// The hub filters, one instance each for every call: a filter added by type is made anew for
    /// each call and wrapped in a step that always allocates, which cost about 900 bytes a message.
    /// The first added runs outermost: it answers and logs what the ones inside refuse.
    /// </summary>
    private static void AddHubFilters(IServiceCollection services)
    {
        services.AddSingleton<RuleErrorsFilter>();
        services.AddSingleton<RequestShapeFilter>();
        services.AddSingleton<QuietLimitsFilter>();
        services.AddOptions<HubOptions>().Configure<RuleErrorsFilter, AgentHubSessions, RequestShapeFilter, QuietLimitsFilter>((o, errors, sessions, shape, limits) =>
        {
            o.AddFilter(errors);
            o.AddFilter(sessions);
            o.AddFilter(shape);
            o.AddFilter(limits);
        });
    }

    /// <summary>
    /// Every refusal has a code: requests that cannot be read answer <c>invalid_request</c>, on
    /// the hubs and the HTTP endpoints alike, and refusals are logged as information, not errors.
    /// </summary>
    private static void AddRefusals(WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RefusalLog>();
        builder.Services.AddExceptionHandler<BadRequestHandler>();
        // Binding failures are thrown, so BadRequestHandler can say what was wrong rather than send a bare 400.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow);
        // SignalR logs every refused call as an error with its stack trace. RuleErrorsFilter logs
        // refusals as information, summarised per connection, and our own faults as errors, so
        // the dispatcher's log would only repeat them at a kilobyte a refusal.
        builder.Logging.AddFilter("Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher", LogLevel.None);
    }

    private static void AddChat(IServiceCollection services, IConfiguration configuration)
    {
        // Tests put a fake clock in first; everywhere else it is the system's.
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<Database>();
        services.AddSingleton<Migrator>();
        services.AddSingleton<DemoSeeder>();
        services.AddSingleton<Chat.Server.Mentions.MentionStore>();
        services.TryAddSingleton(new FirstRunNotice(Console.Out));
        services.AddSingleton<SiteStore>();
        services.AddSingleton<Origins>();
        services.AddSingleton<CustomerStore>();
        services.AddSingleton<CustomerContacts>();
        services.AddSingleton<AgentStore>();
        services.AddSingleton<AgentSignIn>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<Chat.Server.Agents.TwoFactor.TwoFactor>();
        services.AddSingleton(s => new PasswordPolicy(s.GetRequiredService<Microsoft.Extensions.Options.IOptions<ChatOptions>>().Value.SignIn.PasswordIterations));
        services.AddHttpContextAccessor();
        services.AddSingleton<RecentAgents>();
        services.AddSingleton<ConversationStore>();
        services.AddSingleton<MessageWriter>();
        services.AddSingleton<ConversationService>();
        services.AddSingleton<InProcessEventBus>();
        services.AddSingleton<Listeners>();
        if (string.IsNullOrWhiteSpace(configuration["Chat:Redis"]))
        {
            services.AddSingleton<IChatRouter, InProcessRouter>();
            services.AddSingleton<IEventBus>(s => s.GetRequiredService<InProcessEventBus>());
        }
        else
        {
            // Several nodes: routing state and fan-out live in Redis.
            services.AddSingleton<RedisConnection>();
            services.AddSingleton<IChatRouter, RedisRouter>();
            services.AddSingleton<IEventBus, RedisEventBus>();
            services.AddSingleton<IRateLimiter, RedisRateLimiter>();
        }

        services.AddSingleton<Assignments>();
        services.AddSingleton<ChosenPresence>();
        services.AddSingleton<AgentPresence>();
        services.AddSingleton<VisitorConnections>();
        AddWidget(services);
        AddConsoleFeatures(services);
        services.AddHostedService<Startup>();
        // After Startup, so the mailers start on a migrated database.
        services.AddEmail();
        services.AddHostedService<PresenceKeeper>();
        services.AddHealth(redis: !string.IsNullOrWhiteSpace(configuration["Chat:Redis"]));
    }

    /// <summary>Site widget settings, identity verification, availability, follow-ups, seen receipts, wait estimates and limits.</summary>
    private static void AddWidget(IServiceCollection services)
    {
        services.AddSingleton<WidgetConfigStore>();
        services.AddSingleton<PrivacyGuard>();
        services.AddSingleton<NextActionStore>();
        services.AddSingleton<Promises>();
        services.AddSingleton<Complaints>();
        services.AddSingleton<ConversationTags>();
        services.AddSingleton<CoachCounts>();
        services.AddHostedService<NextActionReminders>();
        services.AddSingleton<Availability>();
        services.AddSingleton<IdentityStore>();
        services.AddSingleton<FollowUpStore>();
        services.AddSingleton<FollowUps>();
        services.AddSingleton<SeenMarks>();
        services.AddSingleton<SeenReceipts>();
        services.AddSingleton<WaitEstimates>();
        services.AddSingleton<FirstReplyTimes>();
        services.AddSingleton<ConversationViews>();
        services.TryAddSingleton<IRateLimiter, InProcessRateLimiter>();
        services.AddSingleton<RateLimits>();
    }

    /// <summary>What the agent console's chats, customer panel and admin pages stand on.</summary>
    private static void AddConsoleFeatures(IServiceCollection services)
    {
        services.AddSingleton<NoteStore>();
        services.AddSingleton<HandoverStore>();
        services.AddSingleton<Handovers>();
        services.AddSingleton<VisitorPages>();
        services.AddSingleton<CustomerTags>();
        services.AddSingleton<CannedReplyStore>();
        services.AddSingleton<SiteSettingsStore>();
        services.AddSingleton<AgentAdminStore>();
        AddAuditAndCustomerData(services);
    }

    /// <summary>The audit log, customers' data export and erasure, and the retention job.</summary>
    private static void AddAuditAndCustomerData(IServiceCollection services)
    {
        services.AddSingleton<AuditStore>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<AccountAudit>();
        services.AddSingleton<CustomerExporter>();
        services.AddSingleton<CustomerEraser>();
        services.AddSingleton<RetentionStore>();
        services.AddSingleton<RetentionJob>();
        services.AddHostedService(s => s.GetRequiredService<RetentionJob>());
    }

    private static void AddConsole(IServiceCollection services)
    {
        // Holds nothing of a circuit or a call, only singletons: one for all, rather than a new
        // one (and its thirty fields) for every agent-hub call.
        services.AddSingleton<IConsolePort, ConsolePort>();
        services.AddScoped<IAdminPort, AdminPort>();
        services.AddServiceReports();
        services.AddHistory();
        services.AddReports();
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddAuthorization();
        services.AddAuthentication(ConsoleAuth.Scheme).AddCookie(ConsoleAuth.Scheme, o =>
        {
            o.LoginPath = ConsoleAuth.LoginPath;
            o.AccessDeniedPath = ConsoleAuth.AccessDeniedPath;
            o.Cookie.Name = "chat.agent";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
        });
        // Behind a proxy that ends TLS, the request may look like http: when the public origin is
        // https, the sign-in and antiforgery cookies are Secure anyway.
        services.AddOptions<CookieAuthenticationOptions>(ConsoleAuth.Scheme).Configure<IOptions<ChatOptions>>((o, chat) =>
        {
            if (PublicOriginIsHttps(chat.Value))
            {
                o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            }
        });
        services.AddOptions<AntiforgeryOptions>().Configure<IOptions<ChatOptions>>((o, chat) =>
        {
            if (PublicOriginIsHttps(chat.Value))
            {
                o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            }
        });
    }

    private static bool PublicOriginIsHttps(ChatOptions chat) =>
        chat.PublicOrigins.Any(o => o.StartsWith("https://", StringComparison.OrdinalIgnoreCase));

    private static void MapConsole(this WebApplication app)
    {
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapPost("/console/logout", async (HttpContext http, AgentSessions sessions, AccountAudit audit, CancellationToken ct) =>
        {
            // Signing out ends every session of the agent, so a copy of this cookie is worthless too.
            if (ConsoleAuth.AgentId(http.User) is { } agentId)
            {
                await sessions.EndAllAsync(agentId, ct);
                await audit.SignedOutAsync(agentId, ct);
            }

            await http.SignOutAsync(ConsoleAuth.Scheme);
            return TypedResults.LocalRedirect(ConsoleAuth.LoginPath);
        });
    }
}
