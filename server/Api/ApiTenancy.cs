using Chat.Server.Agents;
using Chat.Server.Conversations;
using Chat.Server.Customers;

namespace Chat.Server.Api;

/// <summary>
/// A key reaches only its own site: another site's id is refused exactly like a missing one
/// (<c>not_found</c>), so ids cannot be probed, and before anything is written.
/// </summary>
internal sealed class ApiTenancy(ConversationStore conversations, CustomerStore customers, AgentStore agents)
{
    public async Task<ConversationRow> ConversationAsync(string siteId, string? id, CancellationToken ct)
    {
        var conversation = string.IsNullOrEmpty(id) || id.Length > 64 ? null : await conversations.FindAsync(id, ct);
        return conversation is not null && conversation.SiteId == siteId
            ? conversation
            : throw new ChatRuleException("not_found", "No conversation with this id on your site.");
    }

    public async Task<Customer> CustomerAsync(string siteId, string? id, CancellationToken ct)
    {
        var customer = string.IsNullOrEmpty(id) || id.Length > 64 ? null : await customers.FindAsync(id, ct);
        return customer is not null && customer.SiteId == siteId
            ? customer
            : throw new ChatRuleException("not_found", "No customer with this id on your site.");
    }

    /// <summary>An agent who answers for the site.</summary>
    public async Task<Agent> AgentAsync(string siteId, string? id, CancellationToken ct)
    {
        var agent = string.IsNullOrEmpty(id) || id.Length > 64 ? null : await agents.FindAsync(id, ct);
        return agent is not null && (await agents.SiteIdsAsync(agent.Id, ct)).Contains(siteId, StringComparer.Ordinal)
            ? agent
            : throw new ChatRuleException("unknown_agent", "No agent with this id answers for your site.");
    }
}
