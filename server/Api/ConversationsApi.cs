using Chat.AgentConsole.Port;
using Chat.Server.Agents;
using Chat.Server.Conversations;
using Chat.Server.NextActions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chat.Server.Api;

/// <summary>
/// <c>/api/v1/conversations</c>: list, get, and act on a conversation. Every write goes through
/// the console's port, the same path an agent's click takes (ConversationService and the routing
/// services), so the console and the widget see it at once and the same rules refuse it.
/// </summary>
internal static class ConversationsApi
{
    private static readonly string[] Statuses = [ConversationStatus.Queued, ConversationStatus.Open, ConversationStatus.Resolved, ConversationStatus.FollowUp];

    public static void MapConversationsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/conversations").WithTags("Conversations");
        group.MapGet("/", ListAsync)
            .WithName("listConversations")
            .WithSummary("List conversations")
            .WithDescription("The site's conversations, newest first, optionally only those with a status, an agent or a customer. Keyset paging: pass `next` as `cursor`.");
        group.MapGet("/{id}", GetAsync)
            .WithName("getConversation")
            .WithSummary("Get a conversation")
            .WithDescription("One conversation with its tags. Another site's id answers 404, as a missing one does.");
        var write = group.MapGroup("/{id}").RequireAuthorization(ApiSetup.WritePolicy).AddEndpointFilter<IdempotencyFilter>();
        write.MapPost("/messages", SendAsync)
            .WithName("sendMessage")
            .WithSummary("Send an agent's message")
            .WithDescription("Posts a reply as the conversation's agent (or `agentId`, who must have it). `clientId` makes it idempotent: a retry returns the first message. The visitor's widget and the console show it at once.");
        write.MapPost("/notes", AddNoteAsync)
            .WithName("addNote")
            .WithSummary("Add an internal note")
            .WithDescription("A note agents see in the console and the visitor never does, written by `agentId`.");
        write.MapPost("/assign", AssignAsync)
            .WithName("assignConversation")
            .WithSummary("Assign a waiting conversation")
            .WithDescription("Gives a queued conversation (or a left message) to an agent of the site, within their capacity. 409 `cannot_take` when it no longer waits or they have no room.");
        write.MapPost("/transfer", TransferAsync)
            .WithName("transferConversation")
            .WithSummary("Transfer to another agent")
            .WithDescription("Moves an open conversation from its agent to `toAgentId` with an optional note for them; chat and load move together.");
        write.MapPost("/resolve", ResolveAsync)
            .WithName("resolveConversation")
            .WithSummary("Resolve")
            .WithDescription("Closes an open conversation as its agent would; the visitor is asked for a rating.");
        write.MapPost("/reopen", ReopenAsync)
            .WithName("reopenConversation")
            .WithSummary("Reopen")
            .WithDescription("Opens a resolved conversation again, with the agent who had it (or `agentId`, if that was them).");
        write.MapPost("/tags", TagAsync)
            .WithName("tagConversation")
            .WithSummary("Tag")
            .WithDescription("Adds a tag; returns all its tags. A complaint tag opens a complaint next action, as in the console.");
    }

    private static Task<Results<Ok<ApiPage<ApiConversation>>, ProblemHttpResult>> ListAsync(
        HttpContext http, ApiReads reads, string? status, string? agentId, string? customerId, string? cursor, int? limit, CancellationToken ct) =>
        ApiCall.OkAsync(async () =>
        {
            if (status is not null && !Statuses.Contains(status))
            {
                throw new ChatRuleException("status_invalid", $"status is one of {string.Join(", ", Statuses)}.");
            }

            var take = ApiCursor.Limit(limit);
            var rows = await reads.ConversationsAsync(http.User.SiteId(), status, agentId, customerId, ApiCursor.Decode(cursor), take, ct);
            return Paging.Page(rows, take, c => c.ToApi(), c => new ApiCursor(c.CreatedAt, c.Id));
        });

    private static Task<Results<Ok<ApiConversation>, ProblemHttpResult>> GetAsync(
        HttpContext http, string id, ApiTenancy tenancy, ConversationTags tags, CancellationToken ct) =>
        ApiCall.OkAsync(async () =>
        {
            var conversation = await tenancy.ConversationAsync(http.User.SiteId(), id, ct);
            return conversation.ToApi(await tags.ListAsync(conversation.Id, ct));
        });

    private static Task<Results<Ok<ApiMessage>, ProblemHttpResult>> SendAsync(
        HttpContext http, string id, SendMessageRequest body, ApiTenancy tenancy, IConsolePort port, CancellationToken ct) =>
        ApiCall.OkAsync(async () =>
        {
            var siteId = http.User.SiteId();
            var conversation = await tenancy.ConversationAsync(siteId, id, ct);
            var agentId = body.AgentId ?? conversation.AgentId ?? throw new ChatRuleException("not_assigned", "Nobody has this conversation yet: assign it first, or name the agent.");
            var agent = await tenancy.AgentAsync(siteId, agentId, ct);
            var sent = await port.SendAsync(agent.Id, conversation.Id, body.ClientId, body.Text, ct);
            return new ApiMessage(sent.ConversationId, sent.Seq, sent.ClientId, SenderKinds.Agent, agent.Id, sent.SenderName, sent.Text, sent.CreatedAt);
        });

    private static Task<Results<Ok<ApiNote>, ProblemHttpResult>> AddNoteAsync(
        HttpContext http, string id, AddNoteRequest body, ApiTenancy tenancy, IConsolePort port, CancellationToken ct) =>
        ApiCall.OkAsync(async () =>
        {
            var siteId = http.User.SiteId();
            var conversation = await tenancy.ConversationAsync(siteId, id, ct);
            var agent = await tenancy.AgentAsync(siteId, body.AgentId, ct);
            var note = await port.AddNoteAsync(agent.Id, conversation.Id, body.ClientId, body.Text, ct);
            return new ApiNote(note.ConversationId, note.ClientId, note.AuthorName, note.Text, note.CreatedAt);
        });

    private static Task<Results<Ok<ApiConversation>, ProblemHttpResult>> AssignAsync(
        HttpContext http, string id, AssignRequest body, ApiTenancy tenancy, IConsolePort port, CancellationToken ct) =>
        ApiCall.OkAsync(async () =>
        {
            var siteId = http.User.SiteId();
            var conversation = await tenancy.ConversationAsync(siteId, id, ct);
            var agent = await tenancy.AgentAsync(siteId, body.AgentId, ct);
            await port.TakeAsync(agent.Id, conversation.Id, ct);
            return (await tenancy.ConversationAsync(siteId, id, ct)).ToApi();
        });

    private static Task<Results<Ok<ApiConversation>, ProblemHttpResult>> TransferAsync(
        HttpContext http, string id, TransferRequest body, ApiTenancy tenancy, IConsolePort port, CancellationToken ct) =>
        ApiCall.OkAsync(async () =>
        {
            var siteId = http.User.SiteId();
            var conversation = await tenancy.ConversationAsync(siteId, id, ct);
            var from = conversation.AgentId ?? throw new ChatRuleException("not_assigned", "Nobody has this conversation: assign it instead.");
            var to = await tenancy.AgentAsync(siteId, body.ToAgentId, ct);
            await port.TransferAsync(from, conversation.Id, to.Id, body.Note ?? "", ct);
            return (await tenancy.ConversationAsync(siteId, id, ct)).ToApi();
        });

    private static Task<Results<Ok<ApiConversation>, ProblemHttpResult>> ResolveAsync(
        HttpContext http, string id, ApiTenancy tenancy, IConsolePort port, CancellationToken ct) =>
        ApiCall.OkAsync(async () =>
        {
            var siteId = http.User.SiteId();
            var conversation = await tenancy.ConversationAsync(siteId, id, ct);
            if (conversation.Status == ConversationStatus.Resolved)
            {
                throw new ChatRuleException("conversation_closed", "This conversation is already resolved.");
            }

            var agentId = conversation.AgentId ?? throw new ChatRuleException("not_assigned", "Nobody has this conversation: only an open one can be resolved.");
            await port.ResolveAsync(agentId, conversation.Id, ct);
            return (await tenancy.ConversationAsync(siteId, id, ct)).ToApi();
        });

    private static Task<Results<Ok<ApiConversation>, ProblemHttpResult>> ReopenAsync(
        HttpContext http, string id, ReopenRequest? body, ApiTenancy tenancy, IConsolePort port, CancellationToken ct) =>
        ApiCall.OkAsync(async () =>
        {
            var siteId = http.User.SiteId();
            var conversation = await tenancy.ConversationAsync(siteId, id, ct);
            var agentId = body?.AgentId ?? conversation.AgentId ?? throw new ChatRuleException("not_assigned", "Nobody had this conversation: name the agent.");
            var agent = await tenancy.AgentAsync(siteId, agentId, ct);
            await port.ReopenAsync(agent.Id, conversation.Id, ct);
            return (await tenancy.ConversationAsync(siteId, id, ct)).ToApi();
        });

    private static Task<Results<Ok<IReadOnlyList<string>>, ProblemHttpResult>> TagAsync(
        HttpContext http, string id, TagRequest body, ApiTenancy tenancy, ConversationTags tags, Complaints complaints, CancellationToken ct) =>
        ApiCall.OkAsync(async () =>
        {
            var conversation = await tenancy.ConversationAsync(http.User.SiteId(), id, ct);
            // The console's own steps (ConsolePort.AddConversationTagAsync), without an agent to act as.
            if (await tags.AddAsync(conversation.Id, body.Tag, ct) && Complaints.IsComplaintTag(body.Tag))
            {
                await complaints.OpenAsync(conversation, ct);
            }

            return await tags.ListAsync(conversation.Id, ct);
        });
}
