using Chat.AgentConsole.Port;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Integration;

/// <summary>Site settings for listening openly (the live typing preview) and for asking happy customers for a review.</summary>
public sealed class ListenOpenlyTests : IAsyncLifetime
{
    private ChatServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task With_the_preview_off_agents_learn_only_that_the_visitor_types_and_the_frame_says_nothing_of_it()
    {
        await using var agent = await _server.OpenConsoleAsync();
        var admin = _server.AdminPort();
        var site = (await admin.GetSitesAsync(agent.Agent.Id, CancellationToken.None)).Single(s => s.SiteKey == ChatServer.SiteKey);
        Assert.True(site.TypingPreview);
        Assert.Contains("data-typing-preview=\"true\"", await FrameAsync(), StringComparison.Ordinal);

        await admin.UpdateSiteAsync(agent.Agent.Id, site with { TypingPreview = false }, CancellationToken.None);
        Assert.Contains("data-typing-preview=\"false\"", await FrameAsync(), StringComparison.Ordinal);
        await using var widget = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync());
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await agent.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == conversationId);

        await widget.InvokeAsync("Typing", new { conversationId, text = "my secret draft" });
        var typing = await agent.WaitForAsync<VisitorTyping>(t => t.IsTyping);
        Assert.Equal("", typing.Preview);
    }

    [Fact]
    public async Task A_review_link_is_off_by_default_must_be_http_and_reaches_the_frame()
    {
        await using var agent = await _server.OpenConsoleAsync();
        var admin = _server.AdminPort();
        var site = (await admin.GetSitesAsync(agent.Agent.Id, CancellationToken.None)).Single(s => s.SiteKey == ChatServer.SiteKey);
        Assert.Null(site.ReviewUrl);
        Assert.Contains("data-review-url=\"\"", await FrameAsync(), StringComparison.Ordinal);

        foreach (var bad in new[] { "javascript:alert(1)", "ftp://example.com/x", "not a url", "https://user:pw@example.com/" })
        {
            var refused = await Assert.ThrowsAsync<ConsoleActionException>(() => admin.UpdateSiteAsync(agent.Agent.Id, site with { ReviewUrl = bad }, CancellationToken.None));
            Assert.Equal("review_url_invalid", refused.Code);
        }

        var saved = await admin.UpdateSiteAsync(agent.Agent.Id, site with { ReviewUrl = "https://reviews.example.com/demo-shop?a=1&b=\"2\"" }, CancellationToken.None);
        Assert.Equal("https://reviews.example.com/demo-shop?a=1&b=%222%22", saved.ReviewUrl);
        Assert.Contains("data-review-url=\"https://reviews.example.com/demo-shop?a=1&amp;b=%222%22\"", await FrameAsync(), StringComparison.Ordinal);
    }

    private Task<string> FrameAsync() => _server.Http.GetStringAsync($"widget/frame?site={ChatServer.SiteKey}");
}
