using System.Collections.Concurrent;
using Chat.Server.Conversations;
using Chat.Server.Customers;

namespace Chat.Server.Visitors;

/// <summary>
/// What one visitor connection knows without asking the database again: the customer and the
/// conversations they reached through it. The connection's own events keep it current (a
/// rename drops the customer; assignment, transfer and resolve replace the conversation), so a
/// message costs no read. A conversation's owner never changes, so a cached one stays theirs.
/// </summary>
public sealed class VisitorSession(string customerId)
{
    private readonly ConcurrentDictionary<string, ConversationRow> _conversations = new(StringComparer.Ordinal);
    private Customer? _customer;

    public string CustomerId { get; } = customerId;

    public async ValueTask<Customer> CustomerAsync(CustomerStore customers, CancellationToken ct) =>
        Volatile.Read(ref _customer) ?? Remember(
            await customers.FindAsync(CustomerId, ct) ?? throw new ChatRuleException("visitor_unknown", "This visitor is no longer known."));

    public ConversationRow? Conversation(string? conversationId) =>
        conversationId is not null && _conversations.TryGetValue(conversationId, out var row) ? row : null;

    public ConversationRow Remember(ConversationRow conversation) => _conversations[conversation.Id] = conversation;

    public void ForgetCustomer() => Volatile.Write(ref _customer, null);

    private Customer Remember(Customer customer)
    {
        Volatile.Write(ref _customer, customer);
        return customer;
    }
}
