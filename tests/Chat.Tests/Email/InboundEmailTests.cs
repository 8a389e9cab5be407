using System.Net;
using System.Net.Sockets;
using Chat.Server.Email;
using Chat.Tests.Infrastructure;
using MailKit.Net.Smtp;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Chat.Tests.Email;

/// <summary>
/// Replies by email, sent with MailKit to the server's real SMTP listener as the shop's relay
/// forwards them: the visitor's reply lands in the conversation; forged tokens, other senders,
/// oversized mail and attachments are refused and change nothing.
/// </summary>
public sealed class InboundEmailTests : IAsyncLifetime
{
    private readonly int _inboundPort = FreePort();
    private MailCatcher _mail = null!;
    private ChatServer _server = null!;
    private AgentSession _agent = null!;
    private string _conversationId = null!;
    private string _replyTo = null!;

    public async Task InitializeAsync()
    {
        _mail = await MailCatcher.StartAsync();
        _server = await ChatServer.StartAsync(_mail.ServerArgs($"--Chat:Email:Inbound:Port={_inboundPort}", "--Chat:Email:Inbound:MaxBytes=20000", "--Chat:Limits:MessagesPerVisitorPerMinute=3"));
        await _server.Services.GetRequiredService<InboundListener>().Listening;
        _conversationId = await EmailFlows.LeaveMessageAsync(_server, "Ana Lima", "ana@example.com", "Do you ship to Austria?");
        _agent = await _server.OpenConsoleAsync();
        await _agent.Port.TakeAsync(_agent.Agent.Id, _conversationId, CancellationToken.None);
        await _agent.SendAsync(_conversationId, "We do, in three days.");
        _replyTo = (await _mail.WaitForOneAsync()).ReplyTo.Mailboxes.Single().Address;
    }

    public async Task DisposeAsync()
    {
        await _agent.DisposeAsync();
        await _server.DisposeAsync();
        await _mail.DisposeAsync();
    }

    [Fact]
    public async Task A_reply_by_email_appears_in_the_console_in_its_conversation_without_the_quoted_history()
    {
        var reply = Reply("ana@example.com", _replyTo,
            """
            Great, I'll order two. My card is 4111 1111 1111 1111.

            Ana
            --
            Ana Lima | Sent from my phone

            On Mon, 7 Jan 2030 at 10:00, Demo Shop <chat@shop.test> wrote:
            > Please write your reply above this line. ##- - -##
            > We do, in three days.
            """);

        await SendAsync(reply);

        var detail = await _agent.Port.OpenChatAsync(_agent.Agent.Id, _conversationId, CancellationToken.None);
        var last = detail.Messages[^1];
        Assert.Equal("Great, I'll order two. My card is •••• •••• •••• 1111.\n\nAna", last.Text);
        Assert.Equal(Chat.AgentConsole.Port.SenderKind.Visitor, last.Sender);
        // The relay delivering the same mail again stores nothing twice.
        await SendAsync(reply);
        Assert.Equal(3L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM messages"));
    }

    [Fact]
    public async Task A_forged_token_another_sender_oversized_mail_and_attachments_are_refused_and_change_nothing()
    {
        var forged = "reply+" + new string('0', 32) + "@reply.shop.test";
        await AssertRefusedAsync(Reply("ana@example.com", forged, "Hello"));
        await AssertRefusedAsync(Reply("ana@example.com", "reply+abc'OR'1'='1@reply.shop.test", "Hello"));
        await AssertRefusedAsync(Reply("ana@example.com", _replyTo.Replace("reply.shop.test", "elsewhere.test", StringComparison.Ordinal), "Hello"));
        await AssertRefusedAsync(Reply("mallory@example.com", _replyTo, "Refund me to my account"));
        await AssertRefusedAsync(Reply("ana@example.com", _replyTo, new string('x', 30_000)));

        var withFile = Reply("ana@example.com", _replyTo, "See the photo");
        var body = new BodyBuilder { TextBody = "See the photo" };
        body.Attachments.Add("photo.exe", new byte[] { 1, 2, 3 });
        withFile.Body = body.ToMessageBody();
        await AssertRefusedAsync(withFile);
        await AssertRefusedAsync(Reply("ana@example.com", _replyTo, "> only quoted text"));

        Assert.Equal(2L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM messages"));
    }

    [Fact]
    public async Task Replies_past_the_visitors_limit_are_put_off_for_the_relay_to_try_again()
    {
        for (var i = 1; i <= 3; i++)
        {
            await SendAsync(Reply("ana@example.com", _replyTo, $"Reply {i}"));
        }

        var later = await Assert.ThrowsAsync<SmtpCommandException>(() => SendAsync(Reply("ana@example.com", _replyTo, "Reply 4")));
        Assert.Equal(421, (int)later.StatusCode);
        Assert.Equal(5L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM messages"));
    }

    private static MimeMessage Reply(string from, string to, string text)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = "Re: Alex Admin from Demo Shop answered your message";
        message.MessageId = $"{Guid.NewGuid():N}@mail.example.com";
        message.Body = new TextPart("plain") { Text = text };
        return message;
    }

    private async Task SendAsync(MimeMessage message)
    {
        using var client = new SmtpClient();
        await client.ConnectAsync("127.0.0.1", _inboundPort, MailKit.Security.SecureSocketOptions.None);
        await client.SendAsync(message);
        await client.DisconnectAsync(true);
    }

    private async Task AssertRefusedAsync(MimeMessage message)
    {
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => SendAsync(message));
        Assert.True(refused is SmtpCommandException or SmtpProtocolException or IOException, refused.ToString());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
