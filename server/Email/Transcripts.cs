using Chat.Server.Conversations;
using Chat.Server.Customers;

namespace Chat.Server.Email;

/// <summary>The whole conversation by email, asked for in the widget or sent from the console.</summary>
public sealed class Transcripts(ReplyMailStore messages, EmailQueue queue, CustomerStore customers)
{
    /// <summary>
    /// Queues the transcript to <paramref name="toAddress"/> (the customer's email when null).
    /// Asking twice for the same conversation unchanged sends it once.
    /// </summary>
    public async Task<bool> SendAsync(ConversationRow conversation, string? toAddress, string? language, CancellationToken ct)
    {
        var customer = await customers.FindAsync(conversation.CustomerId, ct) ?? throw MessageRules.NotYours();
        var to = toAddress ?? customer.Email ?? throw VisitorInput.EmailRequired();
        var all = await messages.MessagesAfterAsync(conversation.Id, 0, ct);
        if (all.Count == 0)
        {
            throw new ChatRuleException("conversation_empty", "There is nothing in this conversation to send yet.");
        }

        return await queue.QueueAsync(
            new EmailRequest(EmailKinds.Transcript, conversation.SiteId, conversation.Id, customer.Id, to, language,
                $"transcript:{conversation.Id}:{all[^1].Seq}:{to.ToLowerInvariant()}"),
            (s, site, link) => EmailTemplates.Transcript(s, site.Name, customer.Name, all, link),
            ct);
    }
}
