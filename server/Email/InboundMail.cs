using System.Security.Cryptography;
using System.Text;
using Chat.Server.Conversations;
using Chat.Server.Customers;
using Chat.Server.Limits;
using Chat.Server.Privacy;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Chat.Server.Email;

/// <summary>Why a reply by email was refused; logged, and said to the relay in the SMTP answer.</summary>
public enum InboundRefusal { None, UnknownToken, SenderMismatch, TooManyAttachments, Empty, TooLong, RefusedByConversation, RateLimited }

/// <summary>
/// A visitor's reply by email becomes a visitor message in the conversation its token names, on
/// the same path as a message typed in the widget. Refused, and nothing changed: a token we never
/// issued, a sender other than the conversation's customer, attachments beyond the limit, and a
/// reply with no text of its own.
/// </summary>
public sealed partial class InboundMail(
    EmailTokens tokens, CustomerStore customers, ConversationStore store, ConversationService conversations, FollowUps followUps,
    RateLimits limits, IOptions<ChatOptions> options, ILogger<InboundMail> logger)
{
    /// <summary>The token in <c>reply+TOKEN@domain</c> when the domain is ours; null otherwise.</summary>
    public string? TokenOf(string user, string host)
    {
        var domain = options.Value.Email.ReplyDomain?.Trim();
        if (string.IsNullOrEmpty(domain) || !string.Equals(host, domain, StringComparison.OrdinalIgnoreCase)
            || !user.StartsWith("reply+", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = user["reply+".Length..].ToLowerInvariant();
        return token.Length is > 0 and <= EmailTokens.MaxLength ? token : null;
    }

    public async Task<bool> KnowsAsync(string token, CancellationToken ct) => await tokens.FindAsync(token, ct) is not null;

    /// <summary>Posts the reply into the conversation; what was refused, if anything.</summary>
    public async Task<InboundRefusal> ReceiveAsync(string token, MimeMessage message, CancellationToken ct)
    {
        var target = await tokens.FindAsync(token, ct);
        var customer = target is null ? null : await customers.FindAsync(target.CustomerId, ct);
        var conversation = target is null ? null : await store.FindAsync(target.ConversationId, ct);
        if (customer is null || conversation is null)
        {
            return Refused(InboundRefusal.UnknownToken, "a token never issued");
        }

        // Anyone who saw the email (a forward, a mailing list) could write to its Reply-To: only the customer's own address counts.
        var sender = message.From.Mailboxes.FirstOrDefault()?.Address;
        if (message.From.Mailboxes.Count() != 1 || customer.Email is null
            || !string.Equals(sender, customer.Email, StringComparison.OrdinalIgnoreCase))
        {
            return Refused(InboundRefusal.SenderMismatch, conversation.Id);
        }

        if (message.Attachments.Count() > options.Value.Email.Inbound.MaxAttachments)
        {
            return Refused(InboundRefusal.TooManyAttachments, conversation.Id);
        }

        // Masked whatever the site's setting: mail arrives from outside, where nobody checked it.
        var text = PrivateDataMask.Mask(ReplyText.Of(message));
        if (text.Length == 0)
        {
            return Refused(InboundRefusal.Empty, conversation.Id);
        }

        if (text.Length > MessageRules.MaxTextLength)
        {
            return Refused(InboundRefusal.TooLong, conversation.Id);
        }

        // The relay may deliver the same mail twice: its Message-ID makes the client id, so it is stored once.
        var clientId = "email-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(message.MessageId ?? text)))[..32];
        var author = new Author(SenderKinds.Visitor, customer.Id, customer.Name);
        try
        {
            // The visitor's own limit, as in the widget: mail cannot be used to flood a conversation.
            await limits.MessageAsync(customer.Id, ct);
            if (conversation.Status == ConversationStatus.Resolved)
            {
                // Routed like a message left in the widget: the customer's open conversation, or a new follow-up.
                await followUps.LeaveMessageAsync(customer, clientId, text, ct);
            }
            else
            {
                await conversations.PostAsync(conversation, author, clientId, text, ct);
            }
        }
        catch (ChatRuleException e)
        {
            LogRefusedByRules(conversation.Id, e.Code);
            return e.Code == RateLimits.Code ? InboundRefusal.RateLimited : InboundRefusal.RefusedByConversation;
        }

        LogReceived(conversation.Id);
        return InboundRefusal.None;
    }

    private InboundRefusal Refused(InboundRefusal reason, string about)
    {
        LogRefused(reason, about);
        return reason;
    }

    [LoggerMessage(EventId = 6020, Level = LogLevel.Information, Message = "Reply by email refused ({Reason}) for {About}")]
    private partial void LogRefused(InboundRefusal reason, string about);

    [LoggerMessage(EventId = 6021, Level = LogLevel.Information, Message = "Reply by email refused by the conversation's rules ({Code}) for {ConversationId}")]
    private partial void LogRefusedByRules(string conversationId, string code);

    [LoggerMessage(EventId = 6022, Level = LogLevel.Information, Message = "Reply by email posted to {ConversationId}")]
    private partial void LogReceived(string conversationId);
}
