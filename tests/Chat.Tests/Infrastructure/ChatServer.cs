using System.Net.Http.Json;
using System.Text.Json;
using Chat.AgentConsole.Port;
using Chat.Server;
using Chat.Server.Agents;
using Chat.Server.Sites;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chat.Tests.Infrastructure;

/// <summary>
/// The real server on Kestrel at 127.0.0.1 on a free port, with its own SQLite file.
/// The agent side is driven through the console's port, as the Blazor console does.
/// </summary>
public sealed class ChatServer : IAsyncDisposable
{
    public const string SiteKey = "test-site";
    public const string AllowedShopOrigin = "http://shop.test";
    public const string AdminEmail = "admin@example.com";
    public const string AdminPassword = "correct horse battery staple";

    private readonly WebApplication _app;
    private readonly ScopeList _scopes = new();
    private readonly string _dataDir;
    private readonly Action<IServiceCollection> _services;
    private readonly string[] _extraArgs;
    private bool _keepData;

    private ChatServer(WebApplication app, string dataDir, Uri baseUrl, Action<IServiceCollection> services, string[] extraArgs)
    {
        _app = app;
        _dataDir = dataDir;
        _services = services;
        _extraArgs = extraArgs;
        BaseUrl = baseUrl;
        Http = new HttpClient { BaseAddress = baseUrl };
    }

    public Uri BaseUrl { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>The server's SQLite file, for tests that take its write lock from outside.</summary>
    public string DatabasePath => Path.Combine(_dataDir, "chat.db");

    public static Task<ChatServer> StartAsync(params string[] extraArgs) => StartAsync(_ => { }, extraArgs);

    /// <summary>
    /// With services of the test's own put in first, such as a <c>FakeTimeProvider</c>: the
    /// server registers its defaults only where none is given.
    /// </summary>
    public static Task<ChatServer> StartAsync(Action<IServiceCollection> services, params string[] extraArgs) =>
        StartOnAsync(Directory.CreateTempSubdirectory("chat-test-").FullName, services, extraArgs);

    /// <summary>
    /// Stops this server as a restart does and starts a new one on the same database, with the
    /// same settings (on another port). This instance is finished; use the one returned.
    /// </summary>
    public async Task<ChatServer> RestartAsync()
    {
        _keepData = true;
        await DisposeAsync();
        return await StartOnAsync(_dataDir, _services, _extraArgs);
    }

    private static async Task<ChatServer> StartOnAsync(string dataDir, Action<IServiceCollection> services, string[] extraArgs)
    {
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            $"--contentRoot={RepoPaths.Server}",
            $"--Chat:DataDir={dataDir}",
            $"--Chat:Demo:SiteKey={SiteKey}",
            $"--Chat:Demo:AdminEmail={AdminEmail}",
            $"--Chat:Demo:AdminPassword={AdminPassword}",
            $"--Chat:Demo:AllowedOrigins:0={AllowedShopOrigin}",
            // Tests make many visitors from this one address; the test of that limit sets it low again.
            "--Chat:Limits:VisitorsPerIpPerMinute=100000",
            // Tests sign in hundreds of times: a cheaper hash keeps that quick. The test of the real
            // count (600,000) sets it back; everything else about passwords is the same.
            "--Chat:SignIn:PasswordIterations=10000",
            "--Logging:LogLevel:Default=Warning",
            .. extraArgs,
        ];
        var app = ChatApp.Build(args, b =>
        {
            b.Logging.SetMinimumLevel(LogLevel.Warning);
            services(b.Services);
        });
        await app.StartAsync();
        var address = app.Urls.First();
        return new ChatServer(app, dataDir, new Uri(address.TrimEnd('/') + "/"), services, extraArgs);
    }

    /// <summary>A new visitor, as the pre-chat form makes one.</summary>
    public async Task<Visitor> NewVisitorAsync(string name = "Ana Lima", string? email = "ana@example.com", string siteKey = SiteKey)
    {
        var response = await Http.PostAsJsonAsync("api/visitors", new { siteKey, name, email });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new Visitor(body.GetProperty("token").GetString()!, body.GetProperty("customerId").GetString()!, name, siteKey);
    }

    /// <summary>This server's own origin, the one its widget frame and console pages are served from.</summary>
    public string Origin => BaseUrl.GetLeftPart(UriPartial.Authority);

    public Uri VisitorHubUrl(string token, string siteKey = SiteKey) =>
        new(BaseUrl, $"hubs/visitor?site={Uri.EscapeDataString(siteKey)}&access_token={Uri.EscapeDataString(token)}");

    /// <summary>Connects as the visitor's frame does: from the server's own origin.</summary>
    public Task<HubSession> ConnectVisitorAsync(Visitor visitor, string? userAgent = null) =>
        HubSession.ConnectAsync(VisitorHubUrl(visitor.Token, visitor.SiteKey), new HubSessionOptions { Origin = Origin, UserAgent = userAgent });

    public Uri AgentHubUrl => new(BaseUrl, "hubs/agent");

    /// <summary>Signs an agent in over the JSON endpoint and returns the cookie to send as the Cookie header.</summary>
    public async Task<string> SignInAgentAsync(string email = AdminEmail, string password = AdminPassword)
    {
        var response = await Http.PostAsJsonAsync("api/agents/sign-in", new { email, password });
        response.EnsureSuccessStatusCode();
        // Only name=value goes back; the attributes after the first ';' are for the browser.
        return string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
    }

    /// <summary>Connects to the agents' hub as a program does: with the sign-in cookie and no browser origin.</summary>
    public Task<HubSession> ConnectAgentAsync(string cookie) =>
        HubSession.ConnectAsync(AgentHubUrl, new HubSessionOptions { Cookie = cookie });

    /// <summary>An agent with a console open: signed in, listening, and online.</summary>
    public async Task<AgentSession> OpenConsoleAsync(string email = AdminEmail, string password = AdminPassword)
    {
        var scope = _app.Services.CreateAsyncScope();
        var port = scope.ServiceProvider.GetRequiredService<IConsolePort>();
        var agent = await port.SignInAsync(email, password, CancellationToken.None)
            ?? throw new InvalidOperationException("Sign-in failed");
        var session = AgentSession.Open(scope, port, agent);
        await port.SetPresenceAsync(agent.Id, Presence.Online, CancellationToken.None);
        return session;
    }

    /// <summary>
    /// An agent's console as the console page opens it: signed in, listening, and back in the
    /// presence they chose last (not set online by the test).
    /// </summary>
    public async Task<(AgentSession Session, Presence Presence)> ResumeConsoleAsync(string email = AdminEmail, string password = AdminPassword)
    {
        var scope = _app.Services.CreateAsyncScope();
        var port = scope.ServiceProvider.GetRequiredService<IConsolePort>();
        var agent = await port.SignInAsync(email, password, CancellationToken.None)
            ?? throw new InvalidOperationException("Sign-in failed");
        var session = AgentSession.Open(scope, port, agent);
        return (session, await port.ResumePresenceAsync(agent.Id, CancellationToken.None));
    }

    /// <summary>Another agent on the demo site, for routing tests.</summary>
    public async Task<(string Email, string Password)> AddAgentAsync(string name, int capacity)
    {
        var email = $"{name.Replace(' ', '.').ToLowerInvariant()}@example.com";
        var agents = _app.Services.GetRequiredService<AgentStore>();
        var siteId = await ScalarAsync<string>("SELECT id FROM sites WHERE site_key = @SiteKey", new { SiteKey });
        await agents.CreateAsync(email, name, AdminPassword, AgentRoles.Agent, capacity, [siteId], CancellationToken.None);
        return (email, AdminPassword);
    }

    /// <summary>The admin pages' port, as a console circuit gets it.</summary>
    public IAdminPort AdminPort() => _scopes.Add(_app.Services.CreateAsyncScope()).ServiceProvider.GetRequiredService<IAdminPort>();

    /// <summary>Another tenant: a site of its own with its own admin, who belongs to no other site.</summary>
    public async Task<OtherSite> AddSiteAsync(string name, string adminName)
    {
        var email = $"{adminName.Replace(' ', '.').ToLowerInvariant()}@example.com";
        var admin = await _app.Services.GetRequiredService<AgentStore>().CreateAsync(email, adminName, AdminPassword, AgentRoles.Admin, 5, [], CancellationToken.None);
        var site = await _app.Services.GetRequiredService<SiteSettingsStore>().CreateAsync(
            admin.Id, new SiteSettings("", "", name, [], "#336699", "Hello", WaitThresholds.Default), CancellationToken.None);
        return new OtherSite(site.Id, site.SiteKey, email, admin.Id);
    }

    /// <summary>Reads the database directly, to check what was really stored.</summary>
    public async Task<T> ScalarAsync<T>(string sql, object? args = null) =>
        (await Services.GetRequiredService<Chat.Server.Storage.Database>().RunAsync(
            (c, _) => Dapper.SqlMapper.ExecuteScalarAsync<T>(c, sql, args), CancellationToken.None))!;

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _scopes.DisposeAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (_keepData)
        {
            return;
        }

        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

public sealed record Visitor(string Token, string CustomerId, string Name, string SiteKey = ChatServer.SiteKey);

public sealed record OtherSite(string Id, string SiteKey, string AdminEmail, string AdminId);

/// <summary>Scopes handed out during a test, disposed with the server.</summary>
internal sealed class ScopeList : IAsyncDisposable
{
    private readonly List<AsyncServiceScope> _scopes = [];

    public AsyncServiceScope Add(AsyncServiceScope scope)
    {
        lock (_scopes)
        {
            _scopes.Add(scope);
        }

        return scope;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var scope in _scopes)
        {
            await scope.DisposeAsync();
        }
    }
}
