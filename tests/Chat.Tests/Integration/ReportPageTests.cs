using Chat.AgentConsole.Port;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Integration;

/// <summary>The page a visitor reports: shown to their agent, and hostile input refused with a clear code and nothing stored.</summary>
public sealed class ReportPageTests : IAsyncLifetime
{
    private const string Chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";
    private ChatServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_agent_sees_the_page_title_time_zone_and_browser_and_follows_the_visitor_live()
    {
        await using var agent = await _server.OpenConsoleAsync();
        var visitor = await _server.NewVisitorAsync();
        await using var widget = await _server.ConnectVisitorAsync(visitor, userAgent: Chrome);
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await agent.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == conversationId);

        await widget.InvokeAsync("ReportPage", new { url = "https://shop.test/mugs/sunrise", title = "Sunrise mug", timeZone = "Europe/Lisbon" });

        var page = (await agent.Port.OpenChatAsync(agent.Agent.Id, conversationId, CancellationToken.None)).Customer.Page;
        Assert.NotNull(page);
        Assert.Equal("https://shop.test/mugs/sunrise", page.Url);
        Assert.Equal("Sunrise mug", page.Title);
        Assert.Equal("Europe/Lisbon", page.TimeZone);
        Assert.Equal(Chrome, page.UserAgent);

        await widget.InvokeAsync("ReportPage", new { url = "https://shop.test/checkout", title = "Checkout", timeZone = "Europe/Lisbon" });
        var moved = await agent.WaitForAsync<CustomerPageChanged>(p => p.Page.Url == "https://shop.test/checkout");
        Assert.Equal(visitor.CustomerId, moved.CustomerId);
    }

    public static TheoryData<string?, string?, string?, string> Hostile => new()
    {
        { "javascript:alert(document.cookie)", "Home", "UTC", "page_url_invalid" },
        { "JaVaScRiPt:alert(1)", "Home", "UTC", "page_url_invalid" },
        { "data:text/html,<script>alert(1)</script>", "Home", "UTC", "page_url_invalid" },
        { "/relative/path", "Home", "UTC", "page_url_invalid" },
        { "", "Home", "UTC", "page_url_invalid" },
        { null, "Home", "UTC", "page_url_invalid" },
        { "https://shop.test/" + new string('a', 2000), "Home", "UTC", "page_url_too_long" },
        { "https://shop.test/", new string('t', 301), "UTC", "page_title_too_long" },
        { "https://shop.test/", "Home", "../../etc/passwd", "time_zone_invalid" },
        { "https://shop.test/", "Home", "Europe/" + new string('x', 60), "time_zone_invalid" },
        { "https://shop.test/", "Home", "<script>", "time_zone_invalid" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Hostile_or_oversized_page_reports_are_refused_with_a_clear_code_and_nothing_is_stored(string? url, string? title, string? timeZone, string code)
    {
        await using var widget = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync());

        await Refused.With(code, () => widget.InvokeAsync("ReportPage", new { url, title, timeZone }));

        Assert.Equal(0L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM customers WHERE page_url IS NOT NULL OR page_title IS NOT NULL OR time_zone IS NOT NULL"));
        // The connection survives the refusal.
        await widget.InvokeAsync("ReportPage", new { url = "https://shop.test/", title = (string?)null, timeZone = (string?)null });
    }

    [Fact]
    public async Task Markup_in_the_title_is_kept_as_text_and_a_huge_user_agent_is_cut()
    {
        await using var agent = await _server.OpenConsoleAsync();
        await using var widget = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync(), userAgent: new string('u', 5000));
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await agent.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == conversationId);

        await widget.InvokeAsync("ReportPage", new { url = "https://shop.test/?q=<b>", title = "<img src=x onerror=alert(1)>", timeZone = "America/Argentina/Buenos_Aires" });

        var page = (await agent.Port.OpenChatAsync(agent.Agent.Id, conversationId, CancellationToken.None)).Customer.Page!;
        Assert.Equal("<img src=x onerror=alert(1)>", page.Title);
        Assert.Equal(512, page.UserAgent!.Length);
    }
}
