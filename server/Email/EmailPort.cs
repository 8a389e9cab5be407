using Chat.AgentConsole.Email;
using Chat.AgentConsole.Port;
using Chat.Server.Admin;
using Chat.Server.Agents;
using Chat.Server.Audit;
using Chat.Server.Conversations;
using Chat.Server.Sites;

namespace Chat.Server.Email;

/// <summary>
/// The console's email actions. Every call checks the agent belongs to the conversation's site
/// (admins: the email's site), reading roles from the database, so the UI cannot forget it.
/// </summary>
public sealed class EmailPort(
    AgentStore agents, ConversationStore conversations, Transcripts transcripts, MoveToEmail moves, EmailLanguages languages,
    OutboxStore outbox, SiteStore sites, EmailSites emailSites, AdminAccess admins, AuditLog audit, TimeProvider time) : IEmailPort
{
    private const int FailedShown = 200;

    public Task<bool> EmailTranscriptAsync(string agentId, string conversationId, CancellationToken ct) =>
        Guard(async () =>
        {
            var conversation = await VisibleAsync(agentId, conversationId, ct);
            return await transcripts.SendAsync(conversation, null, await languages.OfAsync(conversation.CustomerId, ct), ct);
        });

    public Task MoveToEmailAsync(string agentId, string conversationId, string clientId, string what, DateTimeOffset due, CancellationToken ct) =>
        Guard(async () =>
        {
            var agent = await agents.FindAsync(agentId, ct) ?? throw MessageRules.NotYours();
            var conversation = await VisibleAsync(agentId, conversationId, ct);
            await moves.MoveAsync(agent, conversation, clientId, what, due, ct);
            return true;
        });

    public Task<IReadOnlyList<FailedEmail>> FailedEmailsAsync(string adminId, CancellationToken ct) =>
        Guard(async () =>
        {
            var siteIds = await AdminSitesAsync(adminId, ct);
            var failed = await outbox.FailedForSitesAsync(siteIds, FailedShown, ct);
            var names = await sites.FindManyByIdAsync(siteIds, ct);
            return (IReadOnlyList<FailedEmail>)[.. failed.Select(f => new FailedEmail(
                f.Id, names.TryGetValue(f.SiteId, out var site) ? site.Name : "", f.Kind, f.ToAddress, f.Subject, Clock.FromMs(f.CreatedAt), (int)f.Attempts, f.LastError))];
        });

    public Task ResendAsync(string adminId, string emailId, CancellationToken ct) =>
        Guard(async () =>
        {
            var siteIds = await AdminSitesAsync(adminId, ct);
            if (!await outbox.ResendAsync(emailId ?? "", siteIds, time.NowMs(), ct))
            {
                throw new ChatRuleException("not_found", "This email does not exist, is not yours, or did not fail.");
            }

            return true;
        });

    public Task<IReadOnlyList<SiteEmailSettings>> EmailSettingsAsync(string adminId, CancellationToken ct) =>
        Guard(async () =>
        {
            var siteIds = await AdminSitesAsync(adminId, ct);
            return (IReadOnlyList<SiteEmailSettings>)[.. (await emailSites.FindManyAsync(siteIds, ct)).Select(s => new SiteEmailSettings(s.Id, s.Name, s.EmailFromName, (int)s.MissedReplyMinutes))];
        });

    public Task SaveEmailSettingsAsync(string adminId, SiteEmailSettings settings, CancellationToken ct) =>
        Guard(async () =>
        {
            ArgumentNullException.ThrowIfNull(settings);
            var admin = await admins.SiteAdminAsync(adminId, settings.SiteId, ct);
            var fromName = EmailSiteRules.ValidateFromName(settings.FromName);
            var minutes = EmailSiteRules.ValidateMissedReplyMinutes(settings.MissedReplyMinutes);
            await emailSites.SaveAsync(settings.SiteId, fromName, minutes, ct);
            await audit.RecordAsync(AuditActor.Of(admin), AuditActions.SiteUpdated, [settings.SiteId], "site", settings.SiteId,
                $"Email: from \"{fromName ?? "(the site's name)"}\", missed replies mailed after {minutes} min", ct);
            return true;
        });

    private async Task<ConversationRow> VisibleAsync(string agentId, string conversationId, CancellationToken ct)
    {
        var conversation = string.IsNullOrEmpty(conversationId) ? null : await conversations.FindAsync(conversationId, ct);
        if (conversation is null || !(await agents.SiteIdsAsync(agentId, ct)).Contains(conversation.SiteId))
        {
            throw MessageRules.NotYours();
        }

        return conversation;
    }

    /// <summary>The admin's sites, after the same checks as every admin page (role, second factor).</summary>
    private async Task<IReadOnlyList<string>> AdminSitesAsync(string adminId, CancellationToken ct)
    {
        var siteIds = string.IsNullOrEmpty(adminId) ? [] : await agents.SiteIdsAsync(adminId, ct);
        if (siteIds.Count == 0)
        {
            throw new ConsoleActionException("admin_only", "Only admins can do this.");
        }

        await admins.SiteAdminAsync(adminId, siteIds[0], ct);
        return siteIds;
    }

    private static async Task<T> Guard<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (ChatRuleException e)
        {
            throw new ConsoleActionException(e.Code, e.Message);
        }
    }
}
