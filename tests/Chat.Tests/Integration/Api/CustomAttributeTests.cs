using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chat.AgentConsole.Port;
using Chat.Server.Customers;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Integration.Api;

/// <summary>
/// Custom attributes: declared by admins with a type, set by identify() (only with a valid hash
/// on a site with a secret) and by the API, shown beside the chat in the console.
/// </summary>
public sealed class CustomAttributeTests : IAsyncLifetime
{
    private const string Secret = "shop-identity-secret";
    private ChatServer _server = null!;
    private HttpClient _api = null!;

    public async Task InitializeAsync()
    {
        _server = await ChatServer.StartAsync($"--Chat:Demo:IdentitySecret={Secret}");
        _api = _server.ApiClient(await _server.CreateApiKeyAsync(["read", "write"]));
        var (adminId, siteId) = await _server.AdminAndSiteAsync();
        var admin = _server.ApiAdmin();
        await admin.DeclareAttributeAsync(adminId, siteId, "plan", "text", CancellationToken.None);
        await admin.DeclareAttributeAsync(adminId, siteId, "orders", "number", CancellationToken.None);
        await admin.DeclareAttributeAsync(adminId, siteId, "newsletter", "boolean", CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Identify_with_a_valid_hash_sets_declared_attributes_and_names_the_ones_left_out()
    {
        var response = await IdentifyAsync(new
        {
            id = "cust-42",
            name = "Ana Lima",
            hash = IdentityHash.Compute(Secret, "cust-42"),
            attributes = new Dictionary<string, object> { ["plan"] = "pro", ["orders"] = 12, ["newsletter"] = true, ["vip"] = true, ["plan_x"] = 1 },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["vip", "plan_x"], body.GetProperty("ignoredAttributes").EnumerateArray().Select(a => a.GetString()));
        var customer = await (await _api.GetAsync($"customers/{body.GetProperty("customerId").GetString()}")).JsonAsync();
        var attributes = customer.GetProperty("attributes");
        Assert.Equal("pro", attributes.GetProperty("plan").GetString());
        Assert.Equal(12, attributes.GetProperty("orders").GetDouble());
        Assert.True(attributes.GetProperty("newsletter").GetBoolean());
        Assert.False(attributes.TryGetProperty("vip", out _));
    }

    [Fact]
    public async Task Identify_with_a_bad_hash_stores_no_attributes()
    {
        var response = await IdentifyAsync(new
        {
            id = "cust-42",
            name = "Mallory",
            hash = IdentityHash.Compute("guessed", "cust-42"),
            attributes = new Dictionary<string, object> { ["plan"] = "enterprise" },
        });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM customer_attributes"));
    }

    [Fact]
    public async Task The_api_sets_and_removes_attributes_and_the_console_shows_them()
    {
        await using var agent = await _server.OpenConsoleAsync();
        var (widget, conversationId) = await _server.StartChatAsync(agent);
        await using var visitor = widget;
        var customerId = await _server.ScalarAsync<string>("SELECT customer_id FROM conversations WHERE id = @conversationId", new { conversationId });

        await (await _api.PatchAsJsonAsync($"customers/{customerId}", new { email = "ana@shop.example", attributes = new { plan = "pro", orders = 3, newsletter = false } })).JsonAsync();
        var updated = await (await _api.PatchAsJsonAsync($"customers/{customerId}", new { attributes = new Dictionary<string, object?> { ["orders"] = 4, ["plan"] = null } })).JsonAsync();

        Assert.Equal("ana@shop.example", updated.GetProperty("email").GetString());
        Assert.Equal(4, updated.GetProperty("attributes").GetProperty("orders").GetDouble());
        Assert.False(updated.GetProperty("attributes").TryGetProperty("plan", out _));
        var chat = await agent.Port.OpenChatAsync(agent.Agent.Id, conversationId, CancellationToken.None);
        Assert.Equal([new CustomerAttribute("newsletter", "no"), new CustomerAttribute("orders", "4")], chat.Customer.Attributes);
    }

    [Theory]
    [InlineData("""{ "attributes": { "vip": true } }""", "attribute_unknown")]
    [InlineData("""{ "attributes": { "orders": "twelve" } }""", "attribute_value_invalid")]
    [InlineData("""{ "attributes": { "newsletter": "yes" } }""", "attribute_value_invalid")]
    [InlineData("""{ "name": "Ana", "attributes": { "plan": { "nested": 1 } } }""", "attribute_value_invalid")]
    [InlineData("""{ "name": "<script>alert(1)</script>", "attributes": { "orders": 1e999 } }""", "attribute_value_invalid")]
    [InlineData("""{ "name": "" }""", "name_required")]
    public async Task A_bad_change_is_refused_whole_and_nothing_changes(string json, string code)
    {
        await using var agent = await _server.OpenConsoleAsync();
        var (widget, conversationId) = await _server.StartChatAsync(agent);
        await using var _ = widget;
        var customerId = await _server.ScalarAsync<string>("SELECT customer_id FROM conversations WHERE id = @conversationId", new { conversationId });

        var response = await _api.PatchAsync($"customers/{customerId}", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(code, await response.ProblemCodeAsync(400));
        Assert.Equal("Ana Lima", await _server.ScalarAsync<string>("SELECT name FROM customers WHERE id = @customerId", new { customerId }));
        Assert.Equal(0L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM customer_attributes"));
    }

    [Fact]
    public async Task A_customers_attributes_are_in_their_export_and_gone_when_they_are_erased()
    {
        await using var agent = await _server.OpenConsoleAsync();
        var (widget, conversationId) = await _server.StartChatAsync(agent);
        await using var visitor = widget;
        var customerId = await _server.ScalarAsync<string>("SELECT customer_id FROM conversations WHERE id = @conversationId", new { conversationId });
        await (await _api.PatchAsJsonAsync($"customers/{customerId}", new { attributes = new { plan = "pro" } })).JsonAsync();
        var adminId = (await _server.AdminAndSiteAsync()).AdminId;

        var export = await _server.AdminPort().ExportCustomerAsync(adminId, customerId, CancellationToken.None);
        await _server.AdminPort().EraseCustomerAsync(adminId, customerId, CancellationToken.None);

        Assert.Equal("pro", JsonDocument.Parse(export.Json).RootElement.GetProperty("customAttributes").GetProperty("plan").GetString());
        Assert.Equal(0L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM customer_attributes"));
    }

    [Theory]
    [InlineData("Plan", "text", "attribute_name_invalid")]
    [InlineData("drop table", "text", "attribute_name_invalid")]
    [InlineData("plan", "date", "attribute_type_invalid")]
    public async Task A_bad_declaration_is_refused(string name, string type, string code)
    {
        var (adminId, siteId) = await _server.AdminAndSiteAsync();

        var refused = await Assert.ThrowsAsync<ConsoleActionException>(() => _server.ApiAdmin().DeclareAttributeAsync(adminId, siteId, name, type, CancellationToken.None));

        Assert.Equal(code, refused.Code);
    }

    private Task<HttpResponseMessage> IdentifyAsync(object fields)
    {
        var body = JsonSerializer.SerializeToElement(fields).EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
        body["siteKey"] = ChatServer.SiteKey;
        return _server.Http.PostAsJsonAsync("api/visitors/identify", body);
    }
}
