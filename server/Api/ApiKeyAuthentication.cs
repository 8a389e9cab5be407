using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Chat.Server.Api;

/// <summary>
/// <c>Authorization: Bearer chat_…</c>: the key's row is read on every request, so a revoked key
/// stops at once on every node. The principal carries the key's site and scopes; nothing else
/// about the caller is trusted.
/// </summary>
internal sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore keys, TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string SiteClaim = "chat:site";
    public const string KeyClaim = "chat:key";
    public const string ScopeClaim = "scope";

    /// <summary>Last-used times move at most this often, so a busy key does not write on every request.</summary>
    private const long TouchEveryMs = 60_000;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        if (!ApiKeySecrets.TryParse(header["Bearer ".Length..].Trim(), out var id, out var secret))
        {
            return AuthenticateResult.Fail("The key does not have the shape of a Chat API key.");
        }

        var key = await keys.FindAsync(id, Context.RequestAborted);
        if (key is null || key.RevokedAt is not null || !ApiKeySecrets.Matches(secret, key.KeyHash))
        {
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }

        var now = time.NowMs();
        if (key.LastUsedAt is null || now - key.LastUsedAt >= TouchEveryMs)
        {
            await keys.TouchAsync(key.Id, now, Context.RequestAborted);
        }

        var claims = new List<Claim> { new(SiteClaim, key.SiteId), new(KeyClaim, key.Id), new(ClaimTypes.Name, key.Name) };
        claims.AddRange(key.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => new Claim(ScopeClaim, s)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return ApiProblems.Write(Context, StatusCodes.Status401Unauthorized, "api_key_invalid",
            "Send a valid API key as 'Authorization: Bearer chat_…'. Admins create keys in the console under Admin → API keys.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblems.Write(Context, StatusCodes.Status403Forbidden, "scope_missing", "This key may only read. Create a key with the write scope to change things.");
}

/// <summary>Who is calling the API: the key's site and id, from the authenticated principal.</summary>
internal static class ApiCaller
{
    public static string SiteId(this ClaimsPrincipal user) => user.FindFirstValue(ApiKeyAuthentication.SiteClaim) ?? throw new InvalidOperationException("Not an API principal.");

    public static string KeyId(this ClaimsPrincipal user) => user.FindFirstValue(ApiKeyAuthentication.KeyClaim) ?? throw new InvalidOperationException("Not an API principal.");
}
