using Chat.Server.Conversations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chat.Server.Api;

/// <summary><c>/api/v1/conversations/{id}/messages</c>: a conversation's messages after a sequence number, as clients resync.</summary>
internal static class MessagesApi
{
    public static void MapMessagesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/conversations/{id}/messages", ListAsync)
            .WithTags("Messages")
            .WithName("listMessages")
            .WithSummary("List messages after a sequence")
            .WithDescription("Messages in sequence order after `after` (0 for the start), at most `limit`. Sequences are gapless per conversation: pass the last one you hold to catch up; `next` is the `after` of the next page.");
    }

    private static Task<Results<Ok<ApiPage<ApiMessage>>, ProblemHttpResult>> ListAsync(
        HttpContext http, string id, long? after, int? limit, ApiTenancy tenancy, ConversationStore store, CancellationToken ct) =>
        ApiCall.OkAsync(async () =>
        {
            var conversation = await tenancy.ConversationAsync(http.User.SiteId(), id, ct);
            var take = ApiCursor.Limit(limit);
            var rows = await store.MessagesAfterAsync(conversation.Id, Math.Max(0, after ?? 0), take + 1, ct);
            return new ApiPage<ApiMessage>([.. rows.Take(take).Select(m => m.ToApi())], rows.Count > take ? rows[take - 1].Seq.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
        });
}
