using Chat.Server.Agents;
using Chat.Server.Conversations;
using Chat.Server.Routing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chat.Server.Api;

/// <summary><c>/api/v1/agents</c>: who answers for the site, and who can take a chat now.</summary>
internal static class AgentsApi
{
    public static void MapAgentsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/agents", ListAsync)
            .WithTags("Agents")
            .WithName("listAgents")
            .WithSummary("List agents with presence")
            .WithDescription("The site's agents with their presence (online, away, offline), open chats and capacity, as routing sees them now.");
    }

    private static Task<Results<Ok<IReadOnlyList<ApiAgent>>, ProblemHttpResult>> ListAsync(
        HttpContext http, AgentAdminStore accounts, IChatRouter router, ConversationStore store, CancellationToken ct) =>
        ApiCall.OkAsync<IReadOnlyList<ApiAgent>>(async () =>
        {
            var siteId = http.User.SiteId();
            var routed = (await router.AgentsAsync(siteId, ct)).ToDictionary(a => a.AgentId, StringComparer.Ordinal);
            var result = new List<ApiAgent>();
            foreach (var (agent, _) in await accounts.ForSitesAsync([siteId], ct))
            {
                var slot = routed.GetValueOrDefault(agent.Id);
                var presence = slot is null ? "offline" : slot.Available ? "online" : "away";
                var load = slot?.Load ?? (await store.OpenForAgentAsync(agent.Id, ct)).Count;
                result.Add(new ApiAgent(agent.Id, agent.Name, agent.Role, presence, load, slot?.Capacity ?? (int)agent.Capacity));
            }

            return result;
        });
}
