using Microsoft.Extensions.Options;
using MimeKit;

namespace Chat.Server.Email;

/// <summary>
/// On every node: takes due emails from the outbox, claims each (so one node sends it), and hands
/// it to SMTP. A failed attempt waits longer each time, with jitter so a recovered server is not
/// hit by every email at once; after the last attempt the email is marked failed with its reason
/// for admins, who can send it again.
/// </summary>
public sealed partial class EmailSender(OutboxStore outbox, SmtpDelivery smtp, IOptions<ChatOptions> options, TimeProvider time, ILogger<EmailSender> logger)
    : BackgroundService
{
    private const int Batch = 20;
    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>Something was queued: look now rather than at the next tick.</summary>
    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken.
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromSeconds(Math.Max(0.05, options.Value.Email.CheckSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (smtp.Configured)
                {
                    await SendDueAsync(stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database is away; the next tick tries again, and a claim runs out by itself.
                LogTickFailed(e);
            }

            try
            {
                await _wake.WaitAsync(every, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One pass over what is due; returns how many were sent.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var sent = 0;
        var email = options.Value.Email;
        var now = time.NowMs();
        var claimFor = (long)TimeSpan.FromSeconds(Math.Max(60, email.TimeoutSeconds * 4)).TotalMilliseconds;
        foreach (var due in await outbox.DueAsync(now, Batch, ct))
        {
            if (!await outbox.ClaimAsync(due.Id, now, now + claimFor, ct))
            {
                continue;
            }

            var attempt = due.Attempts + 1;
            try
            {
                await smtp.SendAsync(ToMime(due, email.From), ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                var final = attempt >= email.MaxAttempts || !SmtpDelivery.IsTransient(e);
                long? next = final ? null : time.NowMs() + RetryDelayMs(attempt, email);
                await outbox.MarkAttemptFailedAsync(due.Id, e.Message, next, CancellationToken.None);
                if (final)
                {
                    LogFailed(due.Id, due.Kind, attempt, e.Message);
                }
                else
                {
                    LogRetrying(due.Id, attempt, e.Message);
                }

                continue;
            }

            await outbox.MarkSentAsync(due.Id, time.NowMs(), CancellationToken.None);
            sent++;
        }

        return sent;
    }

    /// <summary>Exponential from the base, capped, then spread over half to the whole of it.</summary>
    internal static long RetryDelayMs(long attempt, EmailOptions email)
    {
        var exponential = email.RetryBaseSeconds * Math.Pow(2, Math.Min(30, attempt - 1));
        var capped = Math.Min(exponential, email.MaxRetryDelaySeconds);
        return (long)(capped * 1000 * (0.5 + (Random.Shared.NextDouble() * 0.5)));
    }

    internal static MimeMessage ToMime(OutboxEmail email, string fromAddress)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(email.FromName, fromAddress));
        message.To.Add(MailboxAddress.Parse(email.ToAddress));
        if (email.ReplyTo is not null)
        {
            message.ReplyTo.Add(new MailboxAddress(email.FromName, email.ReplyTo));
        }

        message.Subject = email.Subject;
        // The outbox id makes the Message-ID, so a retry after a lost answer is the same email to the recipient's server.
        message.MessageId = $"{email.Id}@{fromAddress.Split('@').LastOrDefault() ?? "chat"}";
        message.Body = new BodyBuilder { TextBody = email.TextBody, HtmlBody = email.HtmlBody }.ToMessageBody();
        return message;
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "Sending email failed; retrying on the next tick")]
    private partial void LogTickFailed(Exception e);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Email {Id}: attempt {Attempt} failed ({Reason}); it stays queued")]
    private partial void LogRetrying(string id, long attempt, string reason);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "Email {Id} ({Kind}) failed after {Attempts} attempts: {Reason}")]
    private partial void LogFailed(string id, string kind, long attempts, string reason);
}
