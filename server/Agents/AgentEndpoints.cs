using Chat.AgentConsole;
using Chat.AgentConsole.Port;
using Chat.Server.Agents.Sessions;
using Chat.Server.Agents.SignIn;
using Chat.Server.Sites;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Chat.Server.Agents;

/// <summary>Sign-in over JSON and the agents' hub, for agent clients that are programs rather than the console's pages.</summary>
public static class AgentEndpoints
{
    public const string HubPath = "/hubs/agent";
    public const string SignInPath = "/api/agents/sign-in";
    public const string SignOutPath = "/api/agents/sign-out";

    public static void AddAgentHub(this IServiceCollection services)
    {
        services.AddSingleton<AgentConnections>();
        // Programs cannot follow the console's redirect to its login page: they get a plain 401 or 403.
        services.PostConfigure<CookieAuthenticationOptions>(ConsoleAuth.Scheme, o =>
        {
            var toLogin = o.Events.OnRedirectToLogin;
            var toDenied = o.Events.OnRedirectToAccessDenied;
            o.Events.OnRedirectToLogin = c => ForPrograms(c.Request) ? Status(c.Response, StatusCodes.Status401Unauthorized) : toLogin(c);
            o.Events.OnRedirectToAccessDenied = c => ForPrograms(c.Request) ? Status(c.Response, StatusCodes.Status403Forbidden) : toDenied(c);
        });
    }

    public static void MapAgents(this WebApplication app)
    {
        app.MapPost(SignInPath, SignIn);
        app.MapPost(SignOutPath, SignOut);
        app.MapHub<AgentHub>(HubPath, o =>
        {
            o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
            // A connection authorized by a cookie does not outlive the cookie's sign-in.
            o.CloseOnAuthenticationExpiration = true;
        });
    }

    /// <summary>
    /// Sets the console's cookie for an agent whose email and password match. The body must be
    /// JSON, which a cross-site form cannot send, and the request must come from this server's
    /// own origin or from no browser at all.
    /// </summary>
    private static async Task<IResult> SignIn(AgentSignInRequest body, HttpContext http, AgentSignIn signIn, Origins origins, CancellationToken ct)
    {
        if (!origins.IsOwnOrigin(http.Request))
        {
            return Problems.OriginNotAllowed(http.Request.Headers.Origin.ToString());
        }

        if (string.IsNullOrWhiteSpace(body.Email) || string.IsNullOrEmpty(body.Password))
        {
            return Problems.Of(StatusCodes.Status400BadRequest, "credentials_required", "Give both email and password.");
        }

        AgentProfile? agent;
        try
        {
            agent = await signIn.SignInAsync(body.Email.Trim(), body.Password, body.Code, ct);
        }
        catch (SecondFactorRequiredException)
        {
            return Problems.Of(StatusCodes.Status401Unauthorized, TwoFactor.TwoFactor.RequiredCode, "This account signs in with a code: send it as 'code'.");
        }
        catch (SignInRefusedException e)
        {
            http.Response.Headers.RetryAfter = ((int)e.RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Problems.Of(StatusCodes.Status429TooManyRequests, e.Code, e.Message);
        }

        if (agent is null)
        {
            // One answer for a wrong password and an unknown email, so emails cannot be probed.
            return Problems.Of(StatusCodes.Status401Unauthorized, "credentials_invalid", "Email or password is wrong.");
        }

        await http.SignInAsync(ConsoleAuth.Scheme, ConsoleAuth.CreatePrincipal(agent));
        return TypedResults.Ok(new AgentSignedIn(agent.Id, agent.Name, agent.Email, agent.Role));
    }

    /// <summary>Ends every session of the signed-in agent, this one and any copy of its cookie included.</summary>
    private static async Task<IResult> SignOut(HttpContext http, Origins origins, AgentSessions sessions, Audit.AccountAudit audit, CancellationToken ct)
    {
        if (!origins.IsOwnOrigin(http.Request))
        {
            return Problems.OriginNotAllowed(http.Request.Headers.Origin.ToString());
        }

        var result = await http.AuthenticateAsync(ConsoleAuth.Scheme);
        if (result.Principal is { } user && ConsoleAuth.AgentId(user) is { } agentId)
        {
            await sessions.EndAllAsync(agentId, ct);
            await audit.SignedOutAsync(agentId, ct);
        }

        await http.SignOutAsync(ConsoleAuth.Scheme);
        return TypedResults.NoContent();
    }

    private static bool ForPrograms(HttpRequest request) =>
        request.Path.StartsWithSegments(HubPath) || request.Path.StartsWithSegments("/api/agents");

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }
}
