using Chat.AgentConsole.Api;
using Chat.Server.CustomAttributes;
using Chat.Server.Webhooks;
using Microsoft.AspNetCore.Authentication;
using Scalar.AspNetCore;

namespace Chat.Server.Api;

/// <summary>
/// The REST API at <c>/api/v1</c>: bearer keys with scopes, a rate limit per key, ProblemDetails
/// with our codes, its OpenAPI document at <c>/openapi/v1.json</c> and the reference page at <c>/api/docs</c>.
/// </summary>
public static class ApiSetup
{
    public const string ReadPolicy = "api.read";
    public const string WritePolicy = "api.write";
    public const string DocumentName = "v1";

    public static IServiceCollection AddApi(this IServiceCollection services)
    {
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section);
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<ApiReads>();
        services.AddSingleton<ApiTenancy>();
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton<ApiRateLimitFilter>();
        services.AddSingleton<IdempotencyFilter>();
        services.AddSingleton<AttributeStore>();
        services.AddSingleton<CustomerAttributes>();
        services.AddSingleton<ApiKeys>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ReadPolicy, p => p.AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName).RequireAuthenticatedUser()
                .RequireClaim(ApiKeyAuthentication.ScopeClaim, ApiScopes.Read))
            .AddPolicy(WritePolicy, p => p.AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName).RequireAuthenticatedUser()
                .RequireClaim(ApiKeyAuthentication.ScopeClaim, ApiScopes.Write));
        services.AddOpenApi(DocumentName, ApiDocument.Configure);
        services.AddScoped<IApiAdminPort, ApiAdminPort>();
        services.AddWebhooks();
        return services;
    }

    public static void MapApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1")
            .RequireAuthorization(ReadPolicy)
            .AddEndpointFilter<ApiRateLimitFilter>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapConversationsApi();
        api.MapMessagesApi();
        api.MapCustomersApi();
        api.MapAgentsApi();
        api.MapNextActionsApi();

        app.MapOpenApi("/openapi/{documentName}.json");
        // The page talks to nobody but this server: no telemetry, no hosted AI chat or MCP, no vendor toolbar.
        app.MapScalarApiReference("/api/docs", o => o.WithTitle("Chat API").AddDocument(DocumentName)
            .DisableTelemetry().DisableAgent().DisableMcp().HideDeveloperTools());
    }
}
