using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Chat.AgentConsole.Api;
using Chat.AgentConsole.Port;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Tests.Infrastructure;

/// <summary>The REST API as an integrator meets it: keys made on the console's API page, calls over HTTP.</summary>
public static class ApiKit
{
    public static async Task<(string AdminId, string SiteId)> AdminAndSiteAsync(this ChatServer server) =>
        (await server.ScalarAsync<string>("SELECT id FROM agents WHERE email = @AdminEmail", new { ChatServer.AdminEmail }),
         await server.ScalarAsync<string>("SELECT id FROM sites WHERE site_key = @SiteKey", new { ChatServer.SiteKey }));

    /// <summary>The console API page's port, as an admin's circuit gets it.</summary>
    public static IApiAdminPort ApiAdmin(this ChatServer server) =>
        server.Services.CreateAsyncScope().ServiceProvider.GetRequiredService<IApiAdminPort>();

    /// <summary>A key of the demo site (or <paramref name="site"/>), made by its admin.</summary>
    public static async Task<string> CreateApiKeyAsync(this ChatServer server, string[] scopes, OtherSite? site = null)
    {
        var (adminId, siteId) = site is null ? await server.AdminAndSiteAsync() : (site.AdminId, site.Id);
        var created = await server.ApiAdmin().CreateKeyAsync(adminId, siteId, "CRM", scopes, CancellationToken.None);
        return created.Key;
    }

    public static HttpClient ApiClient(this ChatServer server, string? key)
    {
        var client = new HttpClient { BaseAddress = new Uri(server.BaseUrl, "api/v1/") };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    /// <summary>The problem's <c>code</c>, after checking the answer is ProblemDetails with the status.</summary>
    public static async Task<string> ProblemCodeAsync(this HttpResponseMessage response, int status)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("code").GetString()!;
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            Assert.Fail($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A visitor who started a chat that the open console (<paramref name="agent"/>) was given.</summary>
    public static async Task<(HubSession Widget, string ConversationId)> StartChatAsync(this ChatServer server, AgentSession agent, string name = "Ana Lima", string text = "Where is my order?")
    {
        var widget = await server.ConnectVisitorAsync(await server.NewVisitorAsync(name));
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await agent.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == conversationId);
        await widget.InvokeAsync("Send", new { conversationId, clientId = $"v-{Guid.NewGuid():N}", text });
        return (widget, conversationId);
    }
}
