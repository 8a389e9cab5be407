using System.Security.Claims;
using Chat.Server.Customers;
using Chat.Server.Sites;

namespace Chat.Server.Visitors;

/// <summary>
/// Admits a visitor connection before the WebSocket upgrade, so a refused client learns why
/// from a plain HTTP status: 404 unknown site, 403 foreign origin, 401 no valid token for
/// this site. The customer and site go on the request's user for the hub.
/// </summary>
public sealed class VisitorGate(RequestDelegate next)
{
    public const string CustomerClaim = "chat:customer";
    public const string SiteClaim = "chat:site";

    public async Task InvokeAsync(HttpContext http, SiteStore sites, CustomerStore customers, Origins origins)
    {
        var ct = http.RequestAborted;
        var site = await sites.FindByKeyAsync(http.Request.Query["site"].ToString(), ct);
        if (site is null)
        {
            await Problems.UnknownSite().ExecuteAsync(http);
            return;
        }

        if (!origins.IsOwnOrigin(http.Request))
        {
            await Problems.OriginNotAllowed(http.Request.Headers.Origin.ToString()).ExecuteAsync(http);
            return;
        }

        var token = http.Request.Query["access_token"].ToString();
        var customer = token.Length is > 0 and <= 128
            ? await customers.FindByTokenAsync(site.Id, VisitorTokens.Hash(token), ct)
            : null;
        if (customer is null)
        {
            await Problems.Of(StatusCodes.Status401Unauthorized, "visitor_unknown", "This visitor token is not known for this site.").ExecuteAsync(http);
            return;
        }

        http.User = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(CustomerClaim, customer.Id), new Claim(SiteClaim, site.Id)], authenticationType: "VisitorToken"));
        await next(http);
    }
}
