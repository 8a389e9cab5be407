using System.Buffers;
using System.Net;
using Microsoft.Extensions.Options;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Chat.Server.Email;

/// <summary>
/// The inbound path: an SMTP listener (the SmtpServer library) that the shop's mail relay
/// forwards <c>reply+*@ReplyDomain</c> to. Unknown recipients are refused at RCPT, mail over the
/// size limit during DATA, and everything else <see cref="InboundMail"/> refuses with a 550, so
/// the relay bounces it to the sender rather than it vanishing. Off unless a port is set.
/// </summary>
public sealed partial class InboundListener(InboundMail inbound, IOptions<ChatOptions> options, ILogger<InboundListener> logger) : BackgroundService
{
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the listener takes connections (at once when inbound mail is off).</summary>
    public Task Listening => _listening.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Email.Inbound;
        if (settings.Port is not { } port)
        {
            _listening.TrySetResult();
            return;
        }

        var smtp = new SmtpServerOptionsBuilder()
            .ServerName(options.Value.Email.ReplyDomain ?? "chat")
            .MaxMessageSize(settings.MaxBytes, MaxMessageSizeHandling.Strict)
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Parse(settings.Address), port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Recipients(inbound));
        services.Add(new Replies(inbound, this));
        var server = new SmtpServer.SmtpServer(smtp, services);
        var running = server.StartAsync(stoppingToken);
        LogListening(settings.Address, port);
        _listening.TrySetResult();
        try
        {
            await running;
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(EventId = 6030, Level = LogLevel.Information, Message = "Taking replies by email on {Address}:{Port}")]
    private partial void LogListening(string address, int port);

    [LoggerMessage(EventId = 6031, Level = LogLevel.Information, Message = "Mail for {Recipient} refused: not a reply address of ours")]
    private partial void LogUnknownRecipient(string recipient);

    [LoggerMessage(EventId = 6032, Level = LogLevel.Warning, Message = "A reply by email could not be read or stored")]
    private partial void LogFailed(Exception e);

    /// <summary>Only our reply addresses with a token we issued; everything else is refused at RCPT.</summary>
    private sealed class Recipients(InboundMail inbound) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken ct) => Task.FromResult(true);

        public async Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken ct)
        {
            var token = inbound.TokenOf(to.User, to.Host);
            return token is not null && await inbound.KnowsAsync(token, ct);
        }
    }

    private sealed class Replies(InboundMail inbound, InboundListener listener) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken ct)
        {
            try
            {
                await using var stream = new MemoryStream(buffer.ToArray());
                var message = await MimeMessage.LoadAsync(stream, ct);
                foreach (var to in transaction.To)
                {
                    var token = inbound.TokenOf(to.User, to.Host);
                    if (token is null)
                    {
                        listener.LogUnknownRecipient($"{to.User}@{to.Host}");
                        return SmtpResponse.MailboxUnavailable;
                    }

                    var refusal = await inbound.ReceiveAsync(token, message, ct);
                    if (refusal == InboundRefusal.RateLimited)
                    {
                        // For now: the relay tries again later, when the visitor's limit has room.
                        return new SmtpResponse(SmtpReplyCode.ServiceUnavailable, "Too many replies; try again later");
                    }

                    if (refusal != InboundRefusal.None)
                    {
                        return new SmtpResponse(SmtpReplyCode.MailboxUnavailable, $"Refused: {refusal}");
                    }
                }

                return SmtpResponse.Ok;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database is away: a 4xx makes the relay try again later.
                listener.LogFailed(e);
                return new SmtpResponse(SmtpReplyCode.ServiceUnavailable, "Try again later");
            }
        }
    }
}
