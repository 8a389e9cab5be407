using Chat.Server.Conversations;
using Chat.Server.CustomerData;
using Chat.Server.Limits;
using Chat.Server.Privacy;
using Chat.Server.Sites;

namespace Chat.Server.Customers;

public static class VisitorEndpoints
{
    public static void MapVisitors(this WebApplication app)
    {
        app.MapPost("/api/visitors", CreateVisitor);
        app.MapIdentify();
        app.MapLeaveMessage();
        app.MapEraseHistory();
    }

    /// <summary>
    /// The pre-chat form: makes the customer and hands the frame its token. Only the frame,
    /// served from this server, may call it.
    /// </summary>
    private static async Task<IResult> CreateVisitor(
        NewVisitor body, HttpContext http, SiteStore sites, WidgetConfigStore configs, CustomerStore customers, Origins origins, RateLimits limits,
        PrivacyGuard privacy, Email.EmailLanguages languages, CancellationToken ct)
    {
        var (site, refusal) = await FrameCalls.SiteAsync(http, body.SiteKey, sites, origins, ct);
        if (site is null)
        {
            return refusal!;
        }

        try
        {
            var (validName, email) = VisitorInput.Validate(body.Name, body.Email);
            var name = await privacy.MaskAsync(site.Id, validName, ct);
            if (email is null && (await configs.ForSiteAsync(site.Id, ct)).EmailRequired)
            {
                throw VisitorInput.EmailRequired();
            }

            await limits.NewVisitorAsync(http.Connection.RemoteIpAddress, ct);
            var token = VisitorTokens.New();
            var customer = await customers.CreateAsync(site.Id, name, email, VisitorTokens.Hash(token), ct);
            // Emails to this visitor speak their browser's language.
            await languages.RememberAsync(customer.Id, http.Request, ct);
            return TypedResults.Ok(new NewVisitorResult(token, customer.Id, customer.Name, customer.Email));
        }
        catch (ChatRuleException e)
        {
            return Problems.From(e);
        }
    }
}

public sealed record NewVisitor(string? SiteKey, string? Name, string? Email);

public sealed record NewVisitorResult(string Token, string CustomerId, string Name, string? Email);
