using Chat.AgentConsole.Port;
using Chat.Server.Conversations;
using Chat.Server.NextActions;

namespace Chat.Server.Agents;

/// <summary>Next actions: set, kept and listed, each for chats of the agent's own sites.</summary>
public sealed partial class ConsolePort
{
    public Task<NextAction> SetNextActionAsync(string agentId, string conversationId, NextActionDraft draft, CancellationToken ct) =>
        Guard(async () =>
        {
            var agent = await agents.FindAsync(agentId, ct) ?? throw NotYours();
            var conversation = await VisibleToAgentAsync(agentId, conversationId, ct);
            ArgumentNullException.ThrowIfNull(draft);
            var action = await promises.SetAsync(conversation, new Author(SenderKinds.Agent, agent.Id, agent.Name), draft.ClientId, draft.What, draft.OwnerId, draft.DueAt, ct);
            return await ToNextActionAsync(action, ct);
        });

    public Task<NextAction> CloseNextActionAsync(string agentId, string actionId, string outcome, CancellationToken ct) =>
        Guard(async () =>
        {
            var action = string.IsNullOrEmpty(actionId) ? null : await nextActions.FindAsync(actionId, ct);
            if (action is null || !(await agents.SiteIdsAsync(agentId, ct)).Contains(action.SiteId))
            {
                throw new ChatRuleException("not_found", "This next action does not exist or is not yours.");
            }

            return await ToNextActionAsync(await promises.CloseAsync(action, outcome, ct), ct);
        });

    public Task CountCoachHintAsync(string agentId, string conversationId, string rule, CoachOutcome outcome, CancellationToken ct) =>
        Guard(async () =>
        {
            var conversation = await VisibleToAgentAsync(agentId, conversationId, ct);
            await coachCounts.CountAsync(conversation.SiteId, rule ?? "", outcome, ct);
            return true;
        });

    public Task<IReadOnlyList<string>> AddConversationTagAsync(string agentId, string conversationId, string tag, CancellationToken ct) =>
        Guard(async () =>
        {
            var conversation = await VisibleToAgentAsync(agentId, conversationId, ct);
            if (await conversationTags.AddAsync(conversation.Id, tag, ct) && Complaints.IsComplaintTag(tag))
            {
                await complaints.OpenAsync(conversation, ct);
            }

            return await conversationTags.ListAsync(conversation.Id, ct);
        });

    public Task<IReadOnlyList<string>> RemoveConversationTagAsync(string agentId, string conversationId, string tag, CancellationToken ct) =>
        Guard(async () =>
        {
            var conversation = await VisibleToAgentAsync(agentId, conversationId, ct);
            await conversationTags.RemoveAsync(conversation.Id, tag, ct);
            return await conversationTags.ListAsync(conversation.Id, ct);
        });

    public async Task<IReadOnlyList<NextAction>> GetDueListAsync(string agentId, CancellationToken ct)
    {
        var agent = await agents.FindAsync(agentId, ct);
        if (agent is null)
        {
            return [];
        }

        var now = time.NowMs();
        var mine = await nextActions.OpenForOwnerAsync(agentId, ct);
        var others = agent.Role == AgentRoles.Admin
            ? (await nextActions.OverdueForSitesAsync(await agents.SiteIdsAsync(agentId, ct), now, ct)).Where(a => a.OwnerId != agentId)
            : [];
        var result = new List<NextAction>();
        // Complaints first: a second chance is the most urgent promise; then overdue, then soonest.
        foreach (var action in mine.Concat(others).OrderBy(a => a.Kind != NextActionKinds.Complaint).ThenBy(a => a.DueAt > now).ThenBy(a => a.DueAt))
        {
            result.Add(await ToNextActionAsync(action, ct));
        }

        return result;
    }

    private async Task<NextAction> ToNextActionAsync(NextActionRow a, CancellationToken ct)
    {
        var conversation = await store.FindAsync(a.ConversationId, ct);
        var customer = conversation is null ? null : await customers.FindAsync(conversation.CustomerId, ct);
        return ToNextAction(a) with
        {
            CustomerName = customer?.Name ?? "Visitor",
            ConversationStatus = conversation?.Status ?? "",
            TimeZone = (await siteSettings.FindAsync(a.SiteId, ct))?.TimeZone ?? "UTC",
        };
    }

    private static NextAction ToNextAction(NextActionRow a) =>
        new(a.Id, a.ConversationId, a.What, a.OwnerId, a.OwnerName, Clock.FromMs(a.DueAt))
        {
            DoneAt = a.DoneAt is { } done ? Clock.FromMs(done) : null,
            Outcome = a.Outcome,
            IsComplaint = a.Kind == NextActionKinds.Complaint,
        };
}
