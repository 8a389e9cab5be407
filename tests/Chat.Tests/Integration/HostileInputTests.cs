using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chat.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;

namespace Chat.Tests.Integration;

/// <summary>Bad and hostile input gets a clear error and changes nothing.</summary>
public sealed class HostileInputTests : IAsyncLifetime
{
    private ChatServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task An_unknown_site_key_is_refused_before_the_connection_opens()
    {
        var visitor = await _server.NewVisitorAsync();
        await Refused.Upgrade(HttpStatusCode.NotFound, () =>
            HubSession.ConnectAsync(_server.VisitorHubUrl(visitor.Token, siteKey: "no-such-site"), new HubSessionOptions { Origin = _server.Origin }));
    }

    [Fact]
    public async Task A_connection_from_a_foreign_origin_is_refused()
    {
        var visitor = await _server.NewVisitorAsync();
        await Refused.Upgrade(HttpStatusCode.Forbidden, () =>
            HubSession.ConnectAsync(_server.VisitorHubUrl(visitor.Token), new HubSessionOptions { Origin = "http://evil.test" }));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("' OR 1=1 --")]
    public async Task A_missing_or_forged_token_is_refused(string token)
    {
        await Refused.Upgrade(HttpStatusCode.Unauthorized, () =>
            HubSession.ConnectAsync(_server.VisitorHubUrl(token), new HubSessionOptions { Origin = _server.Origin }));
    }

    [Fact]
    public async Task A_visitor_cannot_read_or_write_someone_elses_conversation()
    {
        await using var owner = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync("Owner"));
        var conversationId = (await owner.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await owner.InvokeAsync("Send", new { conversationId, clientId = "o-1", text = "private" });
        await using var intruder = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync("Intruder"));

        await Refused.With("not_your_conversation", () => intruder.InvokeAsync("Send", new { conversationId, clientId = "i-1", text = "injected" }));
        await Refused.With("not_your_conversation", () => intruder.InvokeAsync("GetMessages", new { conversationId, afterSeq = 0 }));
        await Refused.With("not_your_conversation", () => intruder.InvokeAsync("Rate", new { conversationId, rating = 1 }));

        Assert.Equal(1L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM messages WHERE conversation_id = @conversationId", new { conversationId }));
    }

    [Fact]
    public async Task An_oversized_or_empty_message_is_refused_with_a_clear_code_and_nothing_is_stored()
    {
        await using var widget = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync());
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;

        var tooLong = await Refused.With("message_too_long", () =>
            widget.InvokeAsync("Send", new { conversationId, clientId = "x-1", text = new string('a', 4001) }));
        await Refused.With("message_empty", () => widget.InvokeAsync("Send", new { conversationId, clientId = "x-2", text = "   " }));
        await Refused.With("client_id_invalid", () => widget.InvokeAsync("Send", new { conversationId, clientId = "", text = "hi" }));

        Assert.Contains("4000", tooLong.Sentence);
        Assert.Equal(0L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM messages"));
        // The connection survives a refusal.
        await widget.InvokeAsync("Send", new { conversationId, clientId = "ok", text = "still here" });
    }

    [Fact]
    public async Task A_rating_out_of_range_or_before_resolve_is_refused()
    {
        await using var widget = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync());
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;

        await Refused.With("rating_invalid", () => widget.InvokeAsync("Rate", new { conversationId, rating = 5 }));
        await Refused.With("rating_invalid", () => widget.InvokeAsync("Rate", new { conversationId, rating = 9 }));

        Assert.Equal(0L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM conversations WHERE rating IS NOT NULL"));
    }

    [Fact]
    public async Task Malformed_and_oversized_frames_close_only_that_connection_and_store_nothing()
    {
        var visitor = await _server.NewVisitorAsync();
        // No real client sends a frame that is not JSON: this one needs the raw-frame client.
        await using var garbage = await RawHubClient.ConnectAsync(_server.VisitorHubUrl(visitor.Token), new RawHubClientOptions { Origin = _server.Origin }, CancellationToken.None);
        await garbage.SendRawAsync("{this is not json\u001e", CancellationToken.None);
        await garbage.WaitClosedAsync(TimeSpan.FromSeconds(10));
        Assert.False(garbage.IsOpen);

        // A script driving the real client can send a frame far over the server's limit.
        await using var huge = await _server.ConnectVisitorAsync(visitor);
        var conversationId = (await huge.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        var send = huge.InvokeAsync("Send", new { conversationId, clientId = "big", text = new string('b', 200_000) });
        var closed = await Assert.ThrowsAsync<HubException>(() => send);
        Assert.Contains("closed the connection", closed.Message);
        await huge.WaitClosedAsync(TimeSpan.FromSeconds(10));
        Assert.False(huge.IsOpen);

        Assert.Equal(0L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM messages"));
        await using var fine = await _server.ConnectVisitorAsync(visitor);
        Assert.Equal("Ana Lima", (await fine.InvokeAsync("Resume")).GetProperty("customer").GetProperty("name").GetString());
    }

    [Fact]
    public async Task The_pre_chat_form_refuses_a_blank_name_an_overlong_name_and_a_bad_email()
    {
        async Task<string> CodeOf(object body)
        {
            var response = await _server.Http.PostAsJsonAsync("api/visitors", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
        }

        Assert.Equal("name_required", await CodeOf(new { siteKey = ChatServer.SiteKey, name = " " }));
        Assert.Equal("name_too_long", await CodeOf(new { siteKey = ChatServer.SiteKey, name = new string('n', 101) }));
        Assert.Equal("email_invalid", await CodeOf(new { siteKey = ChatServer.SiteKey, name = "Ana", email = "not an email" }));
        Assert.Equal(0L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM customers"));
    }

    [Fact]
    public async Task The_visitor_api_refuses_calls_from_other_origins()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/visitors")
        {
            Content = JsonContent.Create(new { siteKey = ChatServer.SiteKey, name = "Mallory" }),
        };
        request.Headers.Add("Origin", "http://evil.test");
        var response = await _server.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM customers"));
    }
}
