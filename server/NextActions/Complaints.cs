using Chat.Server.Agents;
using Chat.Server.Conversations;
using Chat.Server.Sites;

namespace Chat.Server.NextActions;

/// <summary>
/// Complaints turned round: a rating of 1 or 2, or a conversation tagged "complaint", opens a
/// follow-up action (thank, fix, follow up) for the chat's agent, or for the site's admins when
/// that agent no longer answers for the site, due within the site's complaint deadline.
/// </summary>
public sealed class Complaints(Promises promises, AgentStore agents, AgentAdminStore accounts, SiteSettingsStore sites)
{
    public const string Tag = "complaint";
    public const int LowestHappyRating = 3;

    /// <summary>What the visitor reads (the widget words it in their own language from the kind).</summary>
    public const string What = "follow up on your feedback";

    public static bool IsLow(long? rating) => rating is >= 1 and < LowestHappyRating;

    public static bool IsComplaintTag(string tag) => string.Equals(tag.Trim(), Tag, StringComparison.OrdinalIgnoreCase);

    /// <summary>Opens the follow-up once per conversation; null when nobody of the site could own it.</summary>
    public async Task<NextActionRow?> OpenAsync(ConversationRow conversation, CancellationToken ct)
    {
        var owner = await OwnerAsync(conversation, ct);
        if (owner is null)
        {
            return null;
        }

        var hours = (await sites.FindAsync(conversation.SiteId, ct))?.ComplaintHours ?? SiteRules.DefaultComplaintHours;
        return await promises.OpenComplaintAsync(conversation, new Author(SenderKinds.Agent, owner.Id, owner.Name), What, TimeSpan.FromHours(hours), ct);
    }

    /// <summary>The chat's agent while they still answer for the site; else the site's first admin.</summary>
    private async Task<Agent?> OwnerAsync(ConversationRow conversation, CancellationToken ct)
    {
        var agent = conversation.AgentId is { } id ? await agents.FindAsync(id, ct) : null;
        if (agent is not null && (await agents.SiteIdsAsync(agent.Id, ct)).Contains(conversation.SiteId))
        {
            return agent;
        }

        return (await accounts.ForSitesAsync([conversation.SiteId], ct))
            .Select(a => a.Agent)
            .Where(a => a.Role == AgentRoles.Admin)
            .OrderBy(a => a.Name, StringComparer.Ordinal)
            .ThenBy(a => a.Id, StringComparer.Ordinal)
            .FirstOrDefault();
    }
}
