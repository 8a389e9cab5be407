using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chat.Tests.Infrastructure;

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
        var refused = await Assert.ThrowsAsync<HubRefusedException>(() =>
            HubClient.ConnectAsync(_server.VisitorHubUrl(visitor.Token, siteKey: "no-such-site"), _server.BaseUrl.GetLeftPart(UriPartial.Authority)));
        Assert.Equal(HttpStatusCode.NotFound, refused.Status);
    }

    [Fact]
    public async Task A_connection_from_a_foreign_origin_is_refused()
    {
        var visitor = await _server.NewVisitorAsync();
        var refused = await Assert.ThrowsAsync<HubRefusedException>(() =>
            HubClient.ConnectAsync(_server.VisitorHubUrl(visitor.Token), origin: "http://evil.test"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("' OR 1=1 --")]
    public async Task A_missing_or_forged_token_is_refused(string token)
    {
        var refused = await Assert.ThrowsAsync<HubRefusedException>(() =>
            HubClient.ConnectAsync(_server.VisitorHubUrl(token), _server.BaseUrl.GetLeftPart(UriPartial.Authority)));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
    }

    [Fact]
    public async Task A_visitor_cannot_read_or_write_someone_elses_conversation()
    {
        await using var owner = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync("Owner"));
        var conversationId = (await owner.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await owner.InvokeAsync("Send", new { conversationId, clientId = "o-1", text = "private" });
        await using var intruder = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync("Intruder"));

        var write = await Assert.ThrowsAsync<HubCallException>(() =>
            intruder.InvokeAsync("Send", new { conversationId, clientId = "i-1", text = "injected" }));
        var read = await Assert.ThrowsAsync<HubCallException>(() =>
            intruder.InvokeAsync("GetMessages", new { conversationId, afterSeq = 0 }));
        var rate = await Assert.ThrowsAsync<HubCallException>(() =>
            intruder.InvokeAsync("Rate", new { conversationId, rating = 1 }));

        Assert.All(new[] { write, read, rate }, e => Assert.Equal("not_your_conversation", e.Code));
        Assert.Equal(1L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM messages WHERE conversation_id = @conversationId", new { conversationId }));
    }

    [Fact]
    public async Task An_oversized_or_empty_message_is_refused_with_a_clear_code_and_nothing_is_stored()
    {
        await using var widget = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync());
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;

        var tooLong = await Assert.ThrowsAsync<HubCallException>(() =>
            widget.InvokeAsync("Send", new { conversationId, clientId = "x-1", text = new string('a', 4001) }));
        var empty = await Assert.ThrowsAsync<HubCallException>(() =>
            widget.InvokeAsync("Send", new { conversationId, clientId = "x-2", text = "   " }));
        var noClientId = await Assert.ThrowsAsync<HubCallException>(() =>
            widget.InvokeAsync("Send", new { conversationId, clientId = "", text = "hi" }));

        Assert.Equal("message_too_long", tooLong.Code);
        Assert.Contains("4000", tooLong.Message);
        Assert.Equal("message_empty", empty.Code);
        Assert.Equal("client_id_invalid", noClientId.Code);
        Assert.Equal(0L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM messages"));
        // The connection survives a refusal.
        await widget.InvokeAsync("Send", new { conversationId, clientId = "ok", text = "still here" });
    }

    [Fact]
    public async Task A_rating_out_of_range_or_before_resolve_is_refused()
    {
        await using var widget = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync());
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;

        var early = await Assert.ThrowsAsync<HubCallException>(() => widget.InvokeAsync("Rate", new { conversationId, rating = 5 }));
        var range = await Assert.ThrowsAsync<HubCallException>(() => widget.InvokeAsync("Rate", new { conversationId, rating = 9 }));

        Assert.Equal("rating_invalid", early.Code);
        Assert.Equal("rating_invalid", range.Code);
        Assert.Equal(0L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM conversations WHERE rating IS NOT NULL"));
    }

    [Fact]
    public async Task Malformed_and_oversized_frames_close_only_that_connection_and_store_nothing()
    {
        var visitor = await _server.NewVisitorAsync();
        await using var garbage = await _server.ConnectVisitorAsync(visitor);
        await garbage.SendRawAsync("{this is not json\u001e", CancellationToken.None);
        await garbage.WaitClosedAsync(TimeSpan.FromSeconds(10));
        Assert.False(garbage.IsOpen);

        await using var huge = await _server.ConnectVisitorAsync(visitor);
        var conversationId = (await huge.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        var frame = JsonSerializer.Serialize(new { type = 1, invocationId = "9", target = "Send", arguments = new[] { new { conversationId, clientId = "big", text = new string('b', 200_000) } } });
        await huge.SendRawAsync(frame + "\u001e", CancellationToken.None);
        await huge.WaitClosedAsync(TimeSpan.FromSeconds(10));

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
