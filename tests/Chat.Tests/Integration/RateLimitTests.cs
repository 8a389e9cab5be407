using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Integration;

/// <summary>Over the per-minute limits a visitor gets rate_limited with a sentence, and nothing more is stored.</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private ChatServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatServer.StartAsync(
        "--Chat:Limits:MessagesPerVisitorPerMinute=3",
        "--Chat:Limits:ConversationsPerIpPerMinute=2");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Messages_over_the_limit_are_refused_and_not_stored()
    {
        await using var widget = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync());
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        for (var i = 1; i <= 3; i++)
        {
            await widget.InvokeAsync("Send", new { conversationId, clientId = $"m-{i}", text = $"Message {i}" });
        }

        var refused = await Refused.With("rate_limited", () =>
            widget.InvokeAsync("Send", new { conversationId, clientId = "m-4", text = "One too many" }));

        Assert.Contains("wait", refused.Sentence);
        Assert.Equal(3L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM messages"));
        // The limit is per visitor: someone else still gets through.
        await using var other = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync("Other"));
        var otherConversation = (await other.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await other.InvokeAsync("Send", new { conversationId = otherConversation, clientId = "o-1", text = "Hello" });
    }

    [Fact]
    public async Task New_conversations_from_one_address_over_the_limit_are_refused_and_not_stored()
    {
        for (var i = 1; i <= 2; i++)
        {
            await using var visitor = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync($"Visitor {i}"));
            await visitor.InvokeAsync("StartConversation");
        }

        await using var third = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync("Visitor 3"));
        await Refused.With("rate_limited", () => third.InvokeAsync("StartConversation"));

        Assert.Equal(2L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM conversations"));

        // Leaving a message is a new conversation too: refused with 429 and the same code, nothing stored.
        var offline = await _server.Http.PostAsJsonAsync("api/offline-messages", new
        {
            siteKey = ChatServer.SiteKey,
            name = "Visitor 4",
            email = "four@example.com",
            clientId = "x-1",
            text = "Hello?",
        });
        Assert.Equal(HttpStatusCode.TooManyRequests, offline.StatusCode);
        Assert.Equal("rate_limited", (await offline.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(2L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM conversations"));
        Assert.Equal(3L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM customers"));
    }

    [Fact]
    public async Task New_visitors_from_one_address_over_the_limit_are_refused_and_not_stored()
    {
        await using var server = await ChatServer.StartAsync("--Chat:Limits:VisitorsPerIpPerMinute=2");
        await server.NewVisitorAsync("One");
        await server.NewVisitorAsync("Two");

        var third = await server.Http.PostAsJsonAsync("api/visitors", new { siteKey = ChatServer.SiteKey, name = "Three" });
        var identified = await server.Http.PostAsJsonAsync("api/visitors/identify", new { siteKey = ChatServer.SiteKey, id = "shop-42", name = "Four" });

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal("rate_limited", (await third.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.TooManyRequests, identified.StatusCode);
        Assert.Equal(2L, await server.ScalarAsync<long>("SELECT COUNT(*) FROM customers"));
    }
}
