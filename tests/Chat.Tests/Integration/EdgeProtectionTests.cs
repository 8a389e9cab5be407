using System.Net;
using System.Net.Http.Json;
using Chat.AgentConsole.Port;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Integration;

/// <summary>
/// The edges: forwarded addresses believed only from known proxies, security headers on every
/// answer, quiet limits on typing previews and page reports, and messages that only look empty.
/// </summary>
public sealed class EdgeProtectionTests
{
    [Fact]
    public async Task A_forwarded_address_counts_only_from_a_known_proxy()
    {
        await using (var behindProxy = await ChatServer.StartAsync("--Chat:ForwardedHeaders:KnownProxies:0=127.0.0.1", "--Chat:Limits:VisitorsPerIpPerMinute=2"))
        {
            Assert.Equal(HttpStatusCode.OK, await NewVisitorFromAsync(behindProxy, "203.0.113.5"));
            Assert.Equal(HttpStatusCode.OK, await NewVisitorFromAsync(behindProxy, "203.0.113.5"));
            Assert.Equal(HttpStatusCode.TooManyRequests, await NewVisitorFromAsync(behindProxy, "203.0.113.5"));
            // Another visitor behind the same proxy has limits of their own.
            Assert.Equal(HttpStatusCode.OK, await NewVisitorFromAsync(behindProxy, "203.0.113.6"));
        }

        // Without known proxies, or from one not listed, the header is the visitor's word and counts for nothing.
        foreach (var args in new[] { Array.Empty<string>(), ["--Chat:ForwardedHeaders:KnownProxies:0=10.9.9.9"] })
        {
            await using var server = await ChatServer.StartAsync([.. args, "--Chat:Limits:VisitorsPerIpPerMinute=2"]);
            Assert.Equal(HttpStatusCode.OK, await NewVisitorFromAsync(server, "203.0.113.7"));
            Assert.Equal(HttpStatusCode.OK, await NewVisitorFromAsync(server, "203.0.113.8"));
            Assert.Equal(HttpStatusCode.TooManyRequests, await NewVisitorFromAsync(server, "203.0.113.9"));
        }
    }

    [Fact]
    public async Task Every_answer_has_security_headers_and_the_console_a_script_policy()
    {
        await using var server = await ChatServer.StartAsync();
        foreach (var path in new[] { "", "console/login", "widget.js", $"api/sites/{ChatServer.SiteKey}/availability" })
        {
            var response = await server.Http.GetAsync(path);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.False(response.Headers.Contains("Strict-Transport-Security"), $"{path}: no HSTS over plain http");
        }

        var login = await server.Http.GetAsync("console/login");
        var policy = login.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Over_https_at_a_known_proxy_answers_carry_hsts_and_cookies_are_secure()
    {
        await using var server = await ChatServer.StartAsync("--Chat:ForwardedHeaders:KnownProxies:0=127.0.0.1");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/agents/sign-in")
        {
            Content = JsonContent.Create(new { email = ChatServer.AdminEmail, password = ChatServer.AdminPassword }),
        };
        request.Headers.Add("X-Forwarded-Proto", "https");
        var response = await server.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("max-age=", response.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
        Assert.Contains("secure", response.Headers.GetValues("Set-Cookie").Single(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task With_an_https_public_origin_the_sign_in_cookie_is_secure_even_behind_a_plain_proxy()
    {
        await using var server = await ChatServer.StartAsync("--Chat:PublicOrigins:0=https://chat.example.com");
        var response = await server.Http.PostAsJsonAsync("api/agents/sign-in", new { email = ChatServer.AdminEmail, password = ChatServer.AdminPassword });
        Assert.Contains("secure", response.Headers.GetValues("Set-Cookie").Single(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Typing_previews_past_the_limit_are_dropped_without_an_error()
    {
        await using var server = await ChatServer.StartAsync("--Chat:Limits:TypingPerVisitorPerMinute=5");
        await using var console = await server.OpenConsoleAsync();
        await using var widget = await server.ConnectVisitorAsync(await server.NewVisitorAsync());
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await console.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == conversationId);

        for (var i = 0; i < 20; i++)
        {
            // Every call succeeds: a person typing fast never sees an error.
            await widget.InvokeAsync("Typing", new { conversationId, text = new string('a', i + 1) });
        }

        await widget.InvokeAsync("Send", new { conversationId, clientId = "after-typing", text = "Done typing" });
        // Events reach the console in order: once the message is there, every typing preview let through is too.
        await console.WaitForAsync<MessagePosted>(m => m.Message.Text == "Done typing");
        Assert.Equal(5, console.Received<VisitorTyping>().Count);
    }

    [Fact]
    public async Task Page_reports_past_the_limit_are_dropped_without_an_error()
    {
        await using var server = await ChatServer.StartAsync("--Chat:Limits:PageReportsPerVisitorPerMinute=2");
        var visitor = await server.NewVisitorAsync();
        await using var widget = await server.ConnectVisitorAsync(visitor);
        foreach (var page in new[] { "one", "two", "three" })
        {
            await widget.InvokeAsync("ReportPage", new { url = $"https://shop.test/{page}", title = page, timeZone = "UTC" });
        }

        Assert.Equal("https://shop.test/two", await server.ScalarAsync<string>("SELECT page_url FROM customers WHERE id = @CustomerId", new { visitor.CustomerId }));
    }

    [Theory]
    [InlineData("\u200B")]
    [InlineData("\u200E\u200F\u202E\u2066\u2069")]
    [InlineData("\u2060\uFEFF \u00A0\u3164")]
    public async Task A_message_of_only_invisible_characters_is_refused_as_empty(string text)
    {
        await using var server = await ChatServer.StartAsync();
        await using var widget = await server.ConnectVisitorAsync(await server.NewVisitorAsync());
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;

        await Refused.With("message_empty", () => widget.InvokeAsync("Send", new { conversationId, clientId = "invisible", text }));
        Assert.Equal(0L, await server.ScalarAsync<long>("SELECT COUNT(*) FROM messages WHERE conversation_id = @conversationId", new { conversationId }));
        // A real message with such characters inside is fine.
        await widget.InvokeAsync("Send", new { conversationId, clientId = "visible", text = text + "hi" });
    }

    private static async Task<HttpStatusCode> NewVisitorFromAsync(ChatServer server, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/visitors")
        {
            Content = JsonContent.Create(new { siteKey = ChatServer.SiteKey, name = "Ana", email = (string?)null }),
        };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        request.Headers.Add("Origin", server.Origin);
        return (await server.Http.SendAsync(request)).StatusCode;
    }
}
