using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Chat.Server.Email;

/// <summary>Who an email goes to and what it is about; the queue adds the site's sender, the token and the link.</summary>
public sealed record EmailRequest(string Kind, string SiteId, string ConversationId, string CustomerId, string ToAddress, string? Language, string DedupeKey);

/// <summary>
/// Composes an email and writes it to the outbox, then wakes the sender. Each email gets its own
/// reply token, which makes both its Reply-To address and its reopen link.
/// </summary>
public sealed class EmailQueue(OutboxStore outbox, EmailTokens tokens, EmailSites sites, EmailSender sender, IServer server, IOptions<ChatOptions> options, TimeProvider time)
{
    /// <summary>Queues the email unless one with the same dedupe key was queued before; true when queued now.</summary>
    public async Task<bool> QueueAsync(EmailRequest request, Func<EmailStrings, EmailSite, string, EmailContent> compose, CancellationToken ct)
    {
        var site = await sites.FindAsync(request.SiteId, ct) ?? throw new InvalidOperationException($"No site {request.SiteId}");
        var token = await tokens.NewAsync(request.ConversationId, request.CustomerId, ct);
        var content = compose(EmailStrings.For(request.Language), site, ReopenLink(token));
        var domain = options.Value.Email.ReplyDomain;
        var now = time.NowMs();
        var queued = await outbox.AddAsync(new OutboxEmail(
            Ids.New(), request.SiteId, request.ConversationId, request.Kind, request.ToAddress, site.FromName,
            string.IsNullOrWhiteSpace(domain) ? null : $"reply+{token}@{domain.Trim()}",
            content.Subject, content.Text, content.Html, request.DedupeKey, now, OutboxStatus.Queued, 0, now, null, null), ct);
        if (queued)
        {
            sender.Wake();
        }

        return queued;
    }

    /// <summary>
    /// Queues a notice to one of the site's admins about the site itself (no conversation, no reply
    /// address): the same outbox, retries and failed-mail page as every email. <paramref name="path"/>
    /// is where in the console to act on it.
    /// </summary>
    public async Task<bool> QueueAdminNoticeAsync(string siteId, string toAddress, string subject, string body, string path, string dedupeKey, CancellationToken ct)
    {
        var site = await sites.FindAsync(siteId, ct) ?? throw new InvalidOperationException($"No site {siteId}");
        var content = EmailTemplates.AdminNotice(site.Name, subject, body, $"{PublicUrl()}/{path.TrimStart('/')}");
        var now = time.NowMs();
        var queued = await outbox.AddAsync(new OutboxEmail(
            Ids.New(), siteId, null, EmailKinds.AdminNotice, toAddress, site.FromName, null,
            content.Subject, content.Text, content.Html, dedupeKey, now, OutboxStatus.Queued, 0, now, null, null), ct);
        if (queued)
        {
            sender.Wake();
        }

        return queued;
    }

    /// <summary>The page that signs this browser in as the visitor and opens the chat.</summary>
    public string ReopenLink(string token) => $"{PublicUrl()}/email/reopen/{token}";

    private string PublicUrl()
    {
        var chat = options.Value;
        var url = chat.Email.PublicUrl
            ?? chat.PublicOrigins.FirstOrDefault()
            ?? server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? "http://localhost:5000";
        return url.TrimEnd('/');
    }
}
