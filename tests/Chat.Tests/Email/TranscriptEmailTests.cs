using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Email;

/// <summary>"Email me this conversation": the visitor's own chat, to their email or one they enter, once.</summary>
public sealed class TranscriptEmailTests : IAsyncLifetime
{
    private MailCatcher _mail = null!;
    private ChatServer _server = null!;

    public async Task InitializeAsync()
    {
        _mail = await MailCatcher.StartAsync();
        _server = await ChatServer.StartAsync(_mail.ServerArgs());
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _mail.DisposeAsync();
    }

    [Fact]
    public async Task The_visitor_gets_the_whole_conversation_once_however_often_they_ask()
    {
        await using var agent = await _server.OpenConsoleAsync();
        var visitor = await _server.NewVisitorAsync("Ana Lima", "ana@example.com");
        await using var widget = await _server.ConnectVisitorAsync(visitor);
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await widget.InvokeAsync("Send", new { conversationId, clientId = "m1", text = "Is the mug <b>dishwasher</b> safe?" });
        await agent.SendAsync(conversationId, "Yes, up to 60°C.");

        var first = await AskAsync(visitor, conversationId, email: null);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await AskAsync(visitor, conversationId, email: null)).StatusCode);

        var email = await _mail.WaitForOneAsync();
        Assert.Equal("ana@example.com", email.To.Mailboxes.Single().Address);
        Assert.Equal("Your conversation with Demo Shop", email.Subject);
        Assert.Contains("You: Is the mug <b>dishwasher</b> safe?", email.TextBody);
        Assert.Contains("Alex Admin: Yes, up to 60°C.", email.TextBody);
        // Text stays text in the HTML part too.
        Assert.Contains("Is the mug &lt;b&gt;dishwasher&lt;/b&gt; safe?", email.HtmlBody);
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.Single(_mail.Received);

        // To an address entered in the widget.
        Assert.Equal(HttpStatusCode.OK, (await AskAsync(visitor, conversationId, "ana.work@example.com")).StatusCode);
        Assert.Equal("ana.work@example.com", (await _mail.WaitForOneAsync(m => m.To.Mailboxes.Single().Address == "ana.work@example.com")).To.Mailboxes.Single().Address);
    }

    [Fact]
    public async Task Someone_elses_conversation_a_bad_address_or_no_address_is_refused_and_sends_nothing()
    {
        await using var agent = await _server.OpenConsoleAsync();
        var ana = await _server.NewVisitorAsync("Ana Lima", "ana@example.com");
        await using var widget = await _server.ConnectVisitorAsync(ana);
        var anasConversation = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await widget.InvokeAsync("Send", new { conversationId = anasConversation, clientId = "m1", text = "Hello" });
        var mallory = await _server.NewVisitorAsync("Mallory", email: null);

        Assert.Equal("not_your_conversation", await CodeAsync(await AskAsync(mallory, anasConversation, "mallory@example.com")));
        Assert.Equal("email_invalid", await CodeAsync(await AskAsync(ana, anasConversation, "<script>@x")));
        Assert.Equal("email_invalid", await CodeAsync(await AskAsync(ana, anasConversation, "a@b.c\r\nBcc: all@example.com")));
        await using var malloryWidget = await _server.ConnectVisitorAsync(mallory);
        var mallorysConversation = (await malloryWidget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await malloryWidget.InvokeAsync("Send", new { conversationId = mallorysConversation, clientId = "m1", text = "Hi" });
        Assert.Equal("email_required", await CodeAsync(await AskAsync(mallory, mallorysConversation, email: null)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await AskAsync(new Visitor("forged", "x", "x"), anasConversation, null)).StatusCode);

        Assert.Equal(0L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM email_outbox"));
    }

    private async Task<HttpResponseMessage> AskAsync(Visitor visitor, string conversationId, string? email)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/email/transcript")
        {
            Content = JsonContent.Create(new { siteKey = ChatServer.SiteKey, token = visitor.Token, conversationId, email }),
        };
        request.Headers.Add("Origin", _server.Origin);
        return await _server.Http.SendAsync(request);
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString();
}
