using Chat.Server.Agents;
using Chat.Server.Conversations;
using Chat.Server.Customers;
using Chat.Server.NextActions;

namespace Chat.Server.Email;

/// <summary>
/// "I'll email you the answer by 15:00": the agent turns a chat into an email thread. It sets a
/// next action of kind <c>email</c> (owned by the agent, reminded and reported like any promise,
/// and shown to the visitor in the widget), mails the visitor what will happen and by when, and
/// from then on the agent's replies in this conversation go by email once the visitor is gone.
/// </summary>
public sealed class MoveToEmail(Promises promises, CustomerStore customers, ReplyMailStore conversations, EmailLanguages languages, EmailQueue queue)
{
    public async Task<NextActionRow> MoveAsync(Agent agent, ConversationRow conversation, string? clientId, string? what, DateTimeOffset due, CancellationToken ct)
    {
        var customer = await customers.FindAsync(conversation.CustomerId, ct) ?? throw MessageRules.NotYours();
        if (customer.Email is null)
        {
            throw new ChatRuleException("email_required", "This visitor gave no email address: ask for one in the chat first.");
        }

        var action = await promises.SetAsync(conversation, new Author(SenderKinds.Agent, agent.Id, agent.Name), clientId, what, agent.Id, due, ct, NextActionKinds.Email);
        await conversations.MarkByEmailAsync(conversation.Id, ct);
        var language = await languages.OfAsync(customer.Id, ct);
        await queue.QueueAsync(
            new EmailRequest(EmailKinds.Moved, conversation.SiteId, conversation.Id, customer.Id, customer.Email, language, $"moved:{action.Id}"),
            (s, site, link) => EmailTemplates.Moved(s, site.Name, customer.Name, action.OwnerName, action.What, Clock.FromMs(action.DueAt), link),
            ct);
        return action;
    }
}
