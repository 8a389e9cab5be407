using Chat.AgentConsole.Port;
using Chat.Server.Events;
using Chat.Server.Mentions;

namespace Chat.Server.Agents;

/// <summary>@mentions in notes: who a note names, and each agent's list of the notes that named them.</summary>
public sealed partial class ConsolePort
{
    public Task<IReadOnlyList<MentionItem>> GetMentionsAsync(string agentId, CancellationToken ct) =>
        Guard(async () =>
        {
            // Only chats of sites the agent still belongs to: a mention does not outlive their membership.
            var siteIds = (await agents.SiteIdsAsync(agentId, ct)).ToHashSet(StringComparer.Ordinal);
            var rows = await mentions.ForAgentAsync(agentId, ct);
            var visible = new List<MentionItem>();
            foreach (var row in rows)
            {
                if (await store.FindAsync(row.ConversationId, ct) is { } conversation && siteIds.Contains(conversation.SiteId))
                {
                    visible.Add(ToMention(row.ConversationId, row.CustomerName, row.AuthorName, row.Text, row.CreatedAt));
                }
            }

            return (IReadOnlyList<MentionItem>)visible;
        });

    public Task<IReadOnlyList<string>> GetMentionNamesAsync(string agentId, string conversationId, CancellationToken ct) =>
        Guard(async () =>
        {
            var conversation = await VisibleToAgentAsync(agentId, conversationId, ct);
            return (IReadOnlyList<string>)[.. (await agentAccounts.ForSitesAsync([conversation.SiteId], ct))
                .Where(a => a.Agent.Id != agentId && a.SiteIds.Contains(conversation.SiteId))
                .Select(a => a.Agent.Name)];
        });

    /// <summary>The colleagues of the chat's site the text names, never its author.</summary>
    private async Task<IReadOnlyList<string>> MentionedAsync(string siteId, string authorId, string text, CancellationToken ct)
    {
        if (!text.Contains('@', StringComparison.Ordinal))
        {
            return [];
        }

        var colleagues = (await agentAccounts.ForSitesAsync([siteId], ct))
            .Where(a => a.Agent.Id != authorId && a.SiteIds.Contains(siteId))
            .Select(a => (a.Agent.Id, a.Agent.Name))
            .ToList();
        return MentionFinder.Find(text, colleagues);
    }

    private async Task<MentionItem> MentionAsync(NoteAddedEvent added, CancellationToken ct)
    {
        var conversation = await store.FindAsync(added.Note.ConversationId, ct);
        var customer = conversation is null ? null : await customers.FindAsync(conversation.CustomerId, ct);
        return ToMention(added.Note.ConversationId, customer?.Name ?? "", added.Note.AuthorName, added.Note.Text, added.Note.CreatedAt);
    }

    private static MentionItem ToMention(string conversationId, string customerName, string authorName, string text, long at) =>
        new(conversationId, customerName, authorName, text, Clock.FromMs(at));
}
