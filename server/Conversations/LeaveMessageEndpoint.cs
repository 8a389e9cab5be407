using Chat.Server.Customers;
using Chat.Server.Limits;
using Chat.Server.Privacy;
using Chat.Server.Sites;

namespace Chat.Server.Conversations;

/// <summary>
/// <c>POST /api/offline-messages</c>: the leave-a-message form, for when nobody is online or the
/// team is out of hours. Plain HTTP, so it works before the frame has a hub connection.
/// </summary>
public static class LeaveMessageEndpoint
{
    public static void MapLeaveMessage(this WebApplication app) => app.MapPost("/api/offline-messages", LeaveMessageAsync);

    private static async Task<IResult> LeaveMessageAsync(
        LeaveMessageRequest body, HttpContext http, SiteStore sites, CustomerStore customers, CustomerContacts contacts, FollowUps followUps,
        RateLimits limits, Origins origins, PrivacyGuard privacy, Email.EmailLanguages languages, CancellationToken ct)
    {
        var (site, refusal) = await FrameCalls.SiteAsync(http, body.SiteKey, sites, origins, ct);
        if (site is null)
        {
            return refusal!;
        }

        try
        {
            // Everything is checked before anything is stored.
            var clientId = MessageRules.ValidateClientId(body.ClientId);
            var text = MessageRules.ValidateText(body.Text);
            var current = body.Token is { Length: > 0 and <= 128 } token
                ? await customers.FindByTokenAsync(site.Id, VisitorTokens.Hash(token), ct)
                : null;
            var name = await privacy.MaskOptionalAsync(site.Id, current is not null && string.IsNullOrWhiteSpace(body.Name) ? null : VisitorInput.ValidateName(body.Name), ct);
            // The answer goes by email, so one is needed whatever the site's pre-chat form asks.
            var email = VisitorInput.ValidateEmail(body.Email) ?? current?.Email ?? throw VisitorInput.EmailRequired();

            if (await followUps.WouldStartConversationAsync(current, ct))
            {
                await limits.NewConversationAsync(http.Connection.RemoteIpAddress, ct);
            }

            if (current is not null)
            {
                await limits.MessageAsync(current.Id, ct);
            }

            string visitorToken;
            if (current is null)
            {
                visitorToken = VisitorTokens.New();
                current = await customers.CreateAsync(site.Id, name!, email, VisitorTokens.Hash(visitorToken), ct);
            }
            else
            {
                visitorToken = body.Token!;
                await contacts.UpdateAsync(current.Id, name, email, ct);
                current = (await customers.FindAsync(current.Id, ct))!;
            }

            var (conversation, _) = await followUps.LeaveMessageAsync(current, clientId, text, ct);
            // The answer comes by email, in the language the visitor's browser asks for.
            await languages.RememberAsync(current.Id, http.Request, ct);
            return TypedResults.Ok(new LeaveMessageResult(visitorToken, current.Id, current.Name, current.Email, conversation.Id));
        }
        catch (ChatRuleException e)
        {
            return Problems.From(e);
        }
    }
}

/// <param name="Token">The frame's visitor token when it has one; without, a customer is made from name and email.</param>
/// <param name="ClientId">Made by the frame; a retry with the same one stores nothing new.</param>
public sealed record LeaveMessageRequest(string? SiteKey, string? Token, string? Name, string? Email, string? ClientId, string? Text);

public sealed record LeaveMessageResult(string Token, string CustomerId, string Name, string? Email, string ConversationId);
