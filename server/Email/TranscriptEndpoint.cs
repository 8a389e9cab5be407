using Chat.Server.Conversations;
using Chat.Server.Customers;
using Chat.Server.Limits;
using Chat.Server.Sites;

namespace Chat.Server.Email;

/// <summary>
/// <c>POST /api/email/transcript</c>: "Email me this conversation" in the widget. The visitor's
/// own conversation only, to the email they gave or one they enter now.
/// </summary>
public static class TranscriptEndpoint
{
    public static void MapTranscript(this WebApplication app) => app.MapPost("/api/email/transcript", SendAsync);

    private static async Task<IResult> SendAsync(
        TranscriptRequest body, HttpContext http, SiteStore sites, Origins origins, CustomerStore customers, ConversationService conversations,
        Transcripts transcripts, RateLimits limits, EmailLanguages languages, CancellationToken ct)
    {
        var (site, refusal) = await FrameCalls.SiteAsync(http, body.SiteKey, sites, origins, ct);
        if (site is null)
        {
            return refusal!;
        }

        try
        {
            var customer = body.Token is { Length: > 0 and <= 128 } token
                ? await customers.FindByTokenAsync(site.Id, VisitorTokens.Hash(token), ct)
                : null;
            if (customer is null)
            {
                return Problems.Of(StatusCodes.Status401Unauthorized, "unknown_visitor", "This browser is not known to the chat.");
            }

            var conversation = await conversations.GetForCustomerAsync(customer, body.ConversationId, ct);
            var email = VisitorInput.ValidateEmail(body.Email);
            // Counted as a message, so the form cannot be used to send mail in bulk.
            await limits.MessageAsync(customer.Id, ct);
            var language = EmailStrings.Normalize(http.Request.Headers.AcceptLanguage.ToString());
            await languages.RememberAsync(customer.Id, language ?? "en", ct);
            var queued = await transcripts.SendAsync(conversation, email, language, ct);
            return TypedResults.Ok(new TranscriptResult(queued, email ?? customer.Email!));
        }
        catch (ChatRuleException e)
        {
            return Problems.From(e);
        }
    }
}

/// <param name="Email">Where to send it; the visitor's own email when empty.</param>
public sealed record TranscriptRequest(string? SiteKey, string? Token, string? ConversationId, string? Email);

/// <param name="Queued">False when the same transcript was asked for already (it is sent once).</param>
public sealed record TranscriptResult(bool Queued, string Email);
