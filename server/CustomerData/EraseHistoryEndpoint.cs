using Chat.AgentConsole.Port;
using Chat.Server.Audit;
using Chat.Server.Customers;
using Chat.Server.Sites;

namespace Chat.Server.CustomerData;

/// <summary>
/// <c>POST /api/visitors/erase</c>: the visitor erases their own chat history from the widget.
/// The token proves who they are; afterwards it opens nothing, and the frame forgets it. Only the
/// frame, served from this server, may call it.
/// </summary>
public static class EraseHistoryEndpoint
{
    public static void MapEraseHistory(this WebApplication app) => app.MapPost("/api/visitors/erase", EraseAsync);

    private static async Task<IResult> EraseAsync(
        EraseHistoryRequest body, HttpContext http, SiteStore sites, Origins origins, CustomerStore customers, CustomerEraser eraser, AuditLog audit,
        CancellationToken ct)
    {
        var (site, refusal) = await FrameCalls.SiteAsync(http, body.SiteKey, sites, origins, ct);
        if (site is null)
        {
            return refusal!;
        }

        var customer = body.Token is { Length: > 0 and <= 128 } token
            ? await customers.FindByTokenAsync(site.Id, VisitorTokens.Hash(token), ct)
            : null;
        if (customer is null)
        {
            return Problems.Of(StatusCodes.Status404NotFound, "unknown_visitor", "This browser holds no chat history to erase.");
        }

        await eraser.EraseCustomerAsync(customer.Id, ct);
        await audit.RecordAsync(AuditActor.Visitor, AuditActions.VisitorErasedHistory, [site.Id], "customer", customer.Id, "", ct);
        return TypedResults.NoContent();
    }
}

/// <param name="Token">The visitor token the frame holds.</param>
public sealed record EraseHistoryRequest(string? SiteKey, string? Token);
