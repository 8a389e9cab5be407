using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Chat.Server.Api;

/// <summary>What the OpenAPI document says beyond the endpoints: only the REST API, its title, and how to authenticate.</summary>
internal static class ApiDocument
{
    public static void Configure(OpenApiOptions options)
    {
        options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
        // The widget's and console's own endpoints are not a contract for integrators.
        options.ShouldInclude = d => d.RelativePath?.StartsWith("api/v1", StringComparison.Ordinal) == true;
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Chat REST API",
                Version = "v1",
                Description =
                    "Read and act on a site's conversations, messages, customers, agents and next actions. " +
                    "Authenticate with `Authorization: Bearer <key>`; admins create keys in the console under Admin → API keys. " +
                    "Errors are ProblemDetails with a stable `code`. Lists page by cursor: pass `next` as `cursor`. " +
                    "POST and PATCH take an `Idempotency-Key` header. See docs/api.md for webhooks.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["apiKey"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API key of the site, such as chat_3f2a…_9c1e…",
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("apiKey", document)] = [] }];
            return Task.CompletedTask;
        });
        options.AddOperationTransformer(ApiExamples.Apply);
    }
}
