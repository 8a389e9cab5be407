using Chat.AgentConsole.Port;
using Chat.Server.Customers;

namespace Chat.Server.Agents;

/// <summary>Customer tags and canned replies, for agents of the customer's or reply's site only.</summary>
public sealed partial class ConsolePort
{
    public Task<IReadOnlyList<string>> AddCustomerTagAsync(string agentId, string customerId, string tag, CancellationToken ct) =>
        Guard(async () =>
        {
            var customer = await CustomerOfMySitesAsync(agentId, customerId, ct);
            return await tags.AddAsync(customer.Id, tag, ct);
        });

    public Task<IReadOnlyList<string>> RemoveCustomerTagAsync(string agentId, string customerId, string tag, CancellationToken ct) =>
        Guard(async () =>
        {
            var customer = await CustomerOfMySitesAsync(agentId, customerId, ct);
            return await tags.RemoveAsync(customer.Id, tag, ct);
        });

    public Task<IReadOnlyList<CannedReply>> GetCannedRepliesAsync(string agentId, string siteId, CancellationToken ct) =>
        Guard(async () =>
        {
            if (string.IsNullOrEmpty(siteId) || !(await agents.SiteIdsAsync(agentId, ct)).Contains(siteId))
            {
                throw new ChatRuleException("not_found", "This site does not exist or is not yours.");
            }

            return (IReadOnlyList<CannedReply>)[.. (await cannedReplies.ForSiteAsync(siteId, ct)).Select(r => new CannedReply(r.Id, r.SiteId, r.Shortcut, r.Text))];
        });

    public Task CountCannedReplyUseAsync(string agentId, string conversationId, string cannedReplyId, CancellationToken ct) =>
        Guard(async () =>
        {
            var conversation = await VisibleToAgentAsync(agentId, conversationId, ct);
            var reply = string.IsNullOrEmpty(cannedReplyId) ? null : await cannedReplies.FindAsync(cannedReplyId, ct);
            if (reply is null || reply.SiteId != conversation.SiteId)
            {
                throw new ChatRuleException("not_found", "This canned reply does not exist or is not for this site.");
            }

            await cannedReplies.RecordUseAsync(reply, conversation.Id, ct);
            return true;
        });

    /// <summary>A customer of one of the agent's sites; any other id looks like it does not exist.</summary>
    private async Task<Customer> CustomerOfMySitesAsync(string agentId, string customerId, CancellationToken ct)
    {
        var customer = string.IsNullOrEmpty(customerId) ? null : await customers.FindAsync(customerId, ct);
        if (customer is null || !(await agents.SiteIdsAsync(agentId, ct)).Contains(customer.SiteId))
        {
            throw new ChatRuleException("not_found", "This customer does not exist or is not yours.");
        }

        return customer;
    }

    private static VisitorPage ToPage(VisitorPageRow p) =>
        new(p.PageUrl ?? "", p.PageTitle, p.TimeZone, p.UserAgent, Clock.FromMs(p.PageReportedAt ?? 0));
}
