using Chat.Server.CustomAttributes;
using Chat.Server.Customers;
using Chat.Server.Privacy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chat.Server.Api;

/// <summary><c>/api/v1/customers</c>: the site's customers, found by name or email, with their custom attributes.</summary>
internal static class CustomersApi
{
    public static void MapCustomersApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/customers").WithTags("Customers");
        group.MapGet("/", ListAsync)
            .WithName("listCustomers")
            .WithSummary("List or search customers")
            .WithDescription("The site's customers, most recently seen first. `q` finds a part of the name or email in any letter case.");
        group.MapGet("/{id}", GetAsync)
            .WithName("getCustomer")
            .WithSummary("Get a customer")
            .WithDescription("One customer with their custom attributes.");
        group.MapPatch("/{id}", UpdateAsync)
            .RequireAuthorization(ApiSetup.WritePolicy)
            .AddEndpointFilter<IdempotencyFilter>()
            .WithName("updateCustomer")
            .WithSummary("Update a customer and their attributes")
            .WithDescription("Changes the name or email, and sets custom attributes the site declared (a null removes one). An undeclared attribute or a value of the wrong type refuses the whole change. Connected widgets and consoles see it at once.");
    }

    private static Task<Results<Ok<ApiPage<ApiCustomer>>, ProblemHttpResult>> ListAsync(
        HttpContext http, string? q, string? cursor, int? limit, ApiReads reads, CustomerAttributes attributes, CancellationToken ct) =>
        ApiCall.OkAsync(async () =>
        {
            var take = ApiCursor.Limit(limit);
            var rows = await reads.CustomersAsync(http.User.SiteId(), q, ApiCursor.Decode(cursor), take, ct);
            var values = await attributes.ForCustomersAsync([.. rows.Take(take).Select(c => c.Id)], ct);
            return Paging.Page(rows, take, c => c.ToApi(values.GetValueOrDefault(c.Id) ?? Empty), c => new ApiCursor(c.LastSeen, c.Id));
        });

    private static Task<Results<Ok<ApiCustomer>, ProblemHttpResult>> GetAsync(
        HttpContext http, string id, ApiTenancy tenancy, CustomerAttributes attributes, CancellationToken ct) =>
        ApiCall.OkAsync(async () =>
        {
            var customer = await tenancy.CustomerAsync(http.User.SiteId(), id, ct);
            return customer.ToApi(await attributes.ForCustomerAsync(customer.Id, ct));
        });

    private static Task<Results<Ok<ApiCustomer>, ProblemHttpResult>> UpdateAsync(
        HttpContext http, string id, UpdateCustomerRequest body, ApiTenancy tenancy, CustomerContacts contacts, CustomerAttributes attributes,
        PrivacyGuard privacy, CancellationToken ct) =>
        ApiCall.OkAsync(async () =>
        {
            var siteId = http.User.SiteId();
            var customer = await tenancy.CustomerAsync(siteId, id, ct);
            // Everything is checked before anything is written, so a refusal changes nothing.
            var name = body.Name is null ? null : await privacy.MaskOptionalAsync(siteId, VisitorInput.ValidateName(body.Name), ct);
            var email = body.Email is null ? null : VisitorInput.ValidateEmail(body.Email);
            await attributes.CheckAsync(siteId, body.Attributes, ct);
            if (name is not null || email is not null)
            {
                await contacts.UpdateAsync(customer.Id, name, email, ct);
            }

            await attributes.SetAsync(siteId, customer.Id, body.Attributes, strict: true, ct);
            var updated = await tenancy.CustomerAsync(siteId, id, ct);
            return updated.ToApi(await attributes.ForCustomerAsync(customer.Id, ct));
        });

    private static readonly IReadOnlyDictionary<string, System.Text.Json.JsonElement> Empty = new Dictionary<string, System.Text.Json.JsonElement>();
}
