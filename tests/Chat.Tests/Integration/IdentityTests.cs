using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chat.Server.Customers;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Integration;

/// <summary>identify() on a site with an identity secret: only a valid hash counts, and a verified id is one customer everywhere.</summary>
public sealed class IdentityTests : IAsyncLifetime
{
    private const string Secret = "shop-identity-secret";
    private ChatServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatServer.StartAsync($"--Chat:Demo:IdentitySecret={Secret}");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_valid_hash_makes_the_same_customer_in_every_browser()
    {
        var hash = IdentityHash.Compute(Secret, "cust-42");

        var laptop = await IdentifyAsync(new { id = "cust-42", name = "Ben Okafor", email = "ben@example.com", hash });
        var phone = await IdentifyAsync(new { id = "cust-42", name = "Ben Okafor", hash = hash.ToUpperInvariant() });

        Assert.Equal(HttpStatusCode.OK, laptop.Status);
        Assert.Equal(HttpStatusCode.OK, phone.Status);
        Assert.True(laptop.Body.GetProperty("verified").GetBoolean());
        Assert.Equal(laptop.Body.GetProperty("customerId").GetString(), phone.Body.GetProperty("customerId").GetString());
        Assert.NotEqual(laptop.Body.GetProperty("token").GetString(), phone.Body.GetProperty("token").GetString());
        Assert.Equal(1L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM customers"));

        // A chat started on the laptop is there on the phone.
        var customerId = laptop.Body.GetProperty("customerId").GetString()!;
        await using var onLaptop = await _server.ConnectVisitorAsync(new Visitor(laptop.Body.GetProperty("token").GetString()!, customerId, "Ben Okafor"));
        var conversationId = (await onLaptop.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await onLaptop.InvokeAsync("Send", new { conversationId, clientId = "l-1", text = "Started on my laptop" });

        await using var onPhone = await _server.ConnectVisitorAsync(new Visitor(phone.Body.GetProperty("token").GetString()!, customerId, "Ben Okafor"));
        var state = await onPhone.InvokeAsync("Resume");
        Assert.Equal("Ben Okafor", state.GetProperty("customer").GetProperty("name").GetString());
        Assert.Equal(conversationId, state.GetProperty("conversation").GetProperty("id").GetString());
        Assert.Equal(["Started on my laptop"], ChatFlowTests.Texts(state.GetProperty("messages")));
    }

    [Fact]
    public async Task A_bad_hash_is_refused_with_a_reason_and_stores_nothing()
    {
        var refused = await IdentifyAsync(new { id = "cust-42", name = "Mallory", hash = IdentityHash.Compute("guessed-secret", "cust-42") });
        var notHex = await IdentifyAsync(new { id = "cust-42", name = "Mallory", hash = "' OR 1=1 --" });

        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal("identity_hash_invalid", refused.Body.GetProperty("code").GetString());
        Assert.Contains("HMAC-SHA256", refused.Body.GetProperty("detail").GetString());
        Assert.Equal("identity_hash_invalid", notHex.Body.GetProperty("code").GetString());
        Assert.Equal(0L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM customers"));
    }

    [Fact]
    public async Task A_missing_hash_is_refused_on_a_site_that_verifies()
    {
        var refused = await IdentifyAsync(new { id = "cust-42", name = "Ben" });

        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal("identity_hash_missing", refused.Body.GetProperty("code").GetString());
        Assert.Equal(0L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM customers"));
    }

    [Fact]
    public async Task A_refused_identify_leaves_an_anonymous_visitor_as_they_were()
    {
        var anonymous = await _server.NewVisitorAsync("Ana Lima");

        var refused = await IdentifyAsync(new { token = anonymous.Token, id = "cust-7", name = "Someone Else", hash = "00" });

        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        await using var widget = await _server.ConnectVisitorAsync(anonymous);
        Assert.Equal("Ana Lima", (await widget.InvokeAsync("Resume")).GetProperty("customer").GetProperty("name").GetString());
        Assert.Equal(0L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM customers WHERE external_id IS NOT NULL"));
    }

    [Fact]
    public async Task An_anonymous_visitor_who_signs_in_keeps_their_conversation()
    {
        var anonymous = await _server.NewVisitorAsync("Ana");
        await using (var widget = await _server.ConnectVisitorAsync(anonymous))
        {
            var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
            await widget.InvokeAsync("Send", new { conversationId, clientId = "a-1", text = "Before signing in" });
        }

        var identified = await IdentifyAsync(new { token = anonymous.Token, id = "cust-9", name = "Ana Lima", hash = IdentityHash.Compute(Secret, "cust-9") });

        Assert.Equal(anonymous.CustomerId, identified.Body.GetProperty("customerId").GetString());
        Assert.Equal(anonymous.Token, identified.Body.GetProperty("token").GetString());
        Assert.Equal("Ana Lima", await _server.ScalarAsync<string>("SELECT name FROM customers WHERE external_id = 'cust-9'"));
    }

    [Fact]
    public async Task Hostile_ids_and_names_are_stored_as_text_or_refused()
    {
        const string id = "<script>alert(1)</script>'; DROP TABLE customers; --";
        var ok = await IdentifyAsync(new { id, name = "<img src=x onerror=alert(1)>", hash = IdentityHash.Compute(Secret, id) });
        var tooLong = await IdentifyAsync(new { id = new string('x', 201), name = "Ben", hash = IdentityHash.Compute(Secret, new string('x', 201)) });

        Assert.Equal(HttpStatusCode.OK, ok.Status);
        Assert.Equal("<img src=x onerror=alert(1)>", ok.Body.GetProperty("name").GetString());
        Assert.Equal(id, await _server.ScalarAsync<string>("SELECT external_id FROM customers"));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.Status);
        Assert.Equal("identity_id_invalid", tooLong.Body.GetProperty("code").GetString());
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> IdentifyAsync(object fields)
    {
        var body = JsonSerializer.SerializeToElement(fields);
        var withSite = body.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
        withSite["siteKey"] = ChatServer.SiteKey;
        var response = await _server.Http.PostAsJsonAsync("api/visitors/identify", withSite);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }
}

/// <summary>identify() on a site without a secret: nothing proves the id, so it is ignored.</summary>
public sealed class UnverifiedIdentityTests : IAsyncLifetime
{
    private ChatServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Without_a_secret_the_id_never_reaches_another_browsers_customer()
    {
        var first = await _server.Http.PostAsJsonAsync("api/visitors/identify", new { siteKey = ChatServer.SiteKey, id = "cust-1", name = "Ben" });
        var second = await _server.Http.PostAsJsonAsync("api/visitors/identify", new { siteKey = ChatServer.SiteKey, id = "cust-1", name = "Mallory" });

        var a = await first.Content.ReadFromJsonAsync<JsonElement>();
        var b = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(a.GetProperty("verified").GetBoolean());
        Assert.NotEqual(a.GetProperty("customerId").GetString(), b.GetProperty("customerId").GetString());
        Assert.Equal(0L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM customers WHERE external_id IS NOT NULL"));
    }
}
