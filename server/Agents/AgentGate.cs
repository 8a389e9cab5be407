using Chat.Server.Sites;

namespace Chat.Server.Agents;

/// <summary>
/// The agents' hub trusts a cookie, so a page on another origin must not be able to open it
/// with the agent's cookie attached: only this server's own origin, or no browser at all.
/// Checked before the upgrade so the refusal is a plain 403.
/// </summary>
public sealed class AgentGate(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http, Origins origins)
    {
        if (!origins.IsOwnOrigin(http.Request))
        {
            await Problems.OriginNotAllowed(http.Request.Headers.Origin.ToString()).ExecuteAsync(http);
            return;
        }

        await next(http);
    }
}
