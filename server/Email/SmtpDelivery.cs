using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Chat.Server.Email;

/// <summary>
/// Hands one email to the SMTP server. A short Polly retry with jittered backoff rides over a
/// blip (a refused connection, a 4xx answer); anything longer is the outbox's business, which
/// tries again later and keeps the email meanwhile.
/// </summary>
public sealed class SmtpDelivery(IOptions<ChatOptions> options)
{
    private readonly ResiliencePipeline _pipeline = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
            MaxRetryAttempts = 2,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(200),
        })
        .AddTimeout(TimeSpan.FromSeconds(Math.Max(1, options.Value.Email.TimeoutSeconds)))
        .Build();

    public bool Configured => !string.IsNullOrWhiteSpace(options.Value.Email.Host);

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        var email = options.Value.Email;
        await _pipeline.ExecuteAsync(async token =>
        {
            using var client = new SmtpClient();
            await client.ConnectAsync(email.Host!, email.Port, TlsMode(email.Tls), token);
            if (!string.IsNullOrEmpty(email.User))
            {
                await client.AuthenticateAsync(email.User, email.Password ?? "", token);
            }

            await client.SendAsync(message, token);
            await client.DisconnectAsync(quit: true, token);
        }, ct);
    }

    /// <summary>Worth another try soon: the server is away or said "try later" (4xx). A 5xx refusal is final.</summary>
    public static bool IsTransient(Exception e) => e switch
    {
        SmtpCommandException c => (int)c.StatusCode is >= 400 and < 500,
        SmtpProtocolException or System.Net.Sockets.SocketException or IOException or TimeoutRejectedException => true,
        _ => false,
    };

    private static SecureSocketOptions TlsMode(string mode) => mode.Trim().ToLowerInvariant() switch
    {
        "none" => SecureSocketOptions.None,
        "starttls" => SecureSocketOptions.StartTls,
        "sslonconnect" or "ssl" or "tls" => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.StartTlsWhenAvailable,
    };
}
