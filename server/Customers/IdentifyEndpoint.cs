using System.Text.Json;
using Chat.Server.CustomAttributes;
using Chat.Server.Limits;
using Chat.Server.Privacy;
using Chat.Server.Sites;

namespace Chat.Server.Customers;

/// <summary>
/// <c>POST /api/visitors/identify</c>: the frame trades what the shop passed to
/// <c>ChatWidget.identify</c> for a visitor token. With a site identity secret, the id counts only
/// with a valid hash, and a verified id is the same customer in every browser.
/// </summary>
public static class IdentifyEndpoint
{
    public static void MapIdentify(this WebApplication app) => app.MapPost("/api/visitors/identify", IdentifyAsync);

    private static async Task<IResult> IdentifyAsync(
        IdentifyRequest body, HttpContext http, SiteStore sites, WidgetConfigStore configs, CustomerStore customers,
        IdentityStore identities, CustomerContacts contacts, Origins origins, RateLimits limits, PrivacyGuard privacy, CustomerAttributes attributes, CancellationToken ct)
    {
        var (site, refusal) = await FrameCalls.SiteAsync(http, body.SiteKey, sites, origins, ct);
        if (site is null)
        {
            return refusal!;
        }

        try
        {
            await limits.NewVisitorAsync(http.Connection.RemoteIpAddress, ct);
            var id = (body.Id ?? "").Trim();
            if (id.Length is 0 or > IdentityStore.MaxExternalIdLength)
            {
                throw new ChatRuleException("identity_id_invalid", $"identify() needs an id of 1 to {IdentityStore.MaxExternalIdLength} characters.");
            }

            var name = await privacy.MaskOptionalAsync(site.Id, string.IsNullOrWhiteSpace(body.Name) ? null : VisitorInput.ValidateName(body.Name), ct);
            var email = VisitorInput.ValidateEmail(body.Email);
            if (body.Attributes?.Count > AttributeRules.MaxPerSite)
            {
                throw new ChatRuleException("too_many_attributes", $"identify() takes at most {AttributeRules.MaxPerSite} attributes.");
            }

            var current = body.Token is { Length: > 0 and <= 128 } token
                ? await customers.FindByTokenAsync(site.Id, VisitorTokens.Hash(token), ct)
                : null;
            var secret = (await configs.ForSiteAsync(site.Id, ct)).IdentitySecret;
            if (secret is null)
            {
                return TypedResults.Ok(await WithAttributesAsync(await UnverifiedAsync(site, current, body.Token, name, email, customers, ct), site, body, attributes, ct));
            }

            if (string.IsNullOrEmpty(body.Hash))
            {
                return Problems.Of(StatusCodes.Status403Forbidden, "identity_hash_missing",
                    "This site verifies identities: identify() needs hash, the hex HMAC-SHA256 of the id made with the site's identity secret on your server.");
            }

            if (!IdentityHash.Verify(secret, id, body.Hash))
            {
                return Problems.Of(StatusCodes.Status403Forbidden, "identity_hash_invalid",
                    "The hash does not match the id. Compute it on your server as the hex HMAC-SHA256 of the id with the site's identity secret.");
            }

            // Only now, with the hash checked, do the page's attributes count for this customer.
            return TypedResults.Ok(await WithAttributesAsync(await VerifiedAsync(site, id, current, body.Token, name, email, customers, identities, contacts, ct), site, body, attributes, ct));
        }
        catch (ChatRuleException e)
        {
            return Problems.From(e);
        }
    }

    /// <summary>
    /// Without a secret nothing proves the id, so it is ignored: identify() only spares the
    /// visitor the pre-chat form, and never reaches another browser's customer.
    /// </summary>
    private static async Task<IdentifyResult> UnverifiedAsync(
        Site site, Customer? current, string? token, string? name, string? email, CustomerStore customers, CancellationToken ct)
    {
        if (current is not null)
        {
            return new IdentifyResult(token!, current.Id, current.Name, current.Email, Verified: false);
        }

        var validName = VisitorInput.ValidateName(name);
        var newToken = VisitorTokens.New();
        var customer = await customers.CreateAsync(site.Id, validName, email, VisitorTokens.Hash(newToken), ct);
        return new IdentifyResult(newToken, customer.Id, customer.Name, customer.Email, Verified: false);
    }

    private static async Task<IdentifyResult> VerifiedAsync(
        Site site, string id, Customer? current, string? token, string? name, string? email,
        CustomerStore customers, IdentityStore identities, CustomerContacts contacts, CancellationToken ct)
    {
        var known = await identities.FindByExternalIdAsync(site.Id, id, ct);
        if (known is not null)
        {
            // The shop knows the customer's name and email better than an old form did.
            await contacts.UpdateAsync(known.Id, name, email, ct);
            if (current?.Id == known.Id)
            {
                return await ResultAsync(known.Id, token!, customers, ct);
            }

            var deviceToken = VisitorTokens.New();
            await identities.AddDeviceAsync(known.Id, VisitorTokens.Hash(deviceToken), ct);
            return await ResultAsync(known.Id, deviceToken, customers, ct);
        }

        // An anonymous visitor who then signs in to the shop keeps their conversation.
        if (current is not null && await identities.LinkAsync(current.Id, id, ct))
        {
            await contacts.UpdateAsync(current.Id, name, email, ct);
            return await ResultAsync(current.Id, token!, customers, ct);
        }

        var newToken = VisitorTokens.New();
        var displayName = name ?? email ?? Truncate($"Customer {id}", VisitorInput.MaxNameLength);
        var created = await identities.CreateAsync(site.Id, id, displayName, email, VisitorTokens.Hash(newToken), ct);
        return await ResultAsync(created.Id, newToken, customers, ct);
    }

    private static async Task<IdentifyResult> ResultAsync(string customerId, string token, CustomerStore customers, CancellationToken ct)
    {
        var customer = (await customers.FindAsync(customerId, ct))!;
        return new IdentifyResult(token, customer.Id, customer.Name, customer.Email, Verified: true);
    }

    /// <summary>The attributes the site declared are stored; the others are named in the answer, so the frame can warn the page's developer.</summary>
    private static async Task<IdentifyResult> WithAttributesAsync(IdentifyResult result, Site site, IdentifyRequest body, CustomerAttributes attributes, CancellationToken ct)
    {
        var left = await attributes.SetAsync(site.Id, result.CustomerId, body.Attributes, strict: false, ct);
        return left.Count == 0 ? result : result with { IgnoredAttributes = left };
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}

/// <param name="Token">The frame's current visitor token, if it has one: an anonymous visitor who is then identified keeps their chat.</param>
/// <param name="Hash">Hex HMAC-SHA256 of <paramref name="Id"/> with the site's identity secret.</param>
/// <param name="Attributes">Custom attributes of the customer, such as plan or orders; only those the site declared are kept.</param>
public sealed record IdentifyRequest(string? SiteKey, string? Token, string? Id, string? Name, string? Email, string? Hash, Dictionary<string, JsonElement>? Attributes = null);

/// <param name="Verified">False on a site without an identity secret, where the id is ignored.</param>
public sealed record IdentifyResult(string Token, string CustomerId, string Name, string? Email, bool Verified)
{
    /// <summary>Attributes left out: not declared by the site, or not of their declared type.</summary>
    public IReadOnlyList<string>? IgnoredAttributes { get; init; }
}
