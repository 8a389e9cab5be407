using Microsoft.AspNetCore.Http.HttpResults;

namespace Chat.Server.Api;

/// <summary><c>/api/v1/next-actions</c>: the promises made on the site's conversations, soonest due first.</summary>
internal static class NextActionsApi
{
    public static void MapNextActionsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/next-actions", ListAsync)
            .WithTags("Next actions")
            .WithName("listNextActions")
            .WithSummary("List next actions")
            .WithDescription("Promises and complaints of the site, soonest due first. `status` is `open` or `done`; without it, both.");
    }

    private static Task<Results<Ok<ApiPage<ApiNextAction>>, ProblemHttpResult>> ListAsync(
        HttpContext http, ApiReads reads, string? status, string? cursor, int? limit, CancellationToken ct) =>
        ApiCall.OkAsync(async () =>
        {
            bool? open = status switch
            {
                null => null,
                "open" => true,
                "done" => false,
                _ => throw new ChatRuleException("status_invalid", "status is open or done."),
            };
            var take = ApiCursor.Limit(limit);
            var rows = await reads.NextActionsAsync(http.User.SiteId(), open, ApiCursor.Decode(cursor), take, ct);
            return Paging.Page(rows, take, a => a.ToApi(), a => new ApiCursor(a.DueAt, a.Id));
        });
}
