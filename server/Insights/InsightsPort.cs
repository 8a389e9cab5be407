using Chat.AgentConsole.Insights;
using Chat.AgentConsole.Port;
using Chat.Server.Admin;
using Chat.Server.Privacy;

namespace Chat.Server.Insights;

/// <summary>
/// The three-times rule: what a site's visitors and agents keep coming back to over the last seven
/// days, counted in conversations. Read on demand; a week of a small shop's chats is quick to count.
/// </summary>
public sealed class InsightsPort(AdminAccess access, InsightsStore store, PrivacyGuard privacy, TimeProvider time) : IInsightsPort
{
    public const int MaxNoteLength = 500;

    /// <summary>Phrases heard fewer times than this are not worth a line.</summary>
    private const int PhraseMinimum = 2;

    private const int ItemMaxLength = 200;

    private static readonly TimeSpan Window = TimeSpan.FromDays(7);

    public async Task<InsightsReport> GetInsightsAsync(string adminId, string siteId, CancellationToken ct)
    {
        await access.SiteAdminAsync(adminId, siteId, ct);
        var to = time.GetUtcNow();
        var from = to - Window;
        var (fromMs, toMs) = (from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds());

        var tags = await store.TagsAsync(siteId, fromMs, toMs, ct);
        var canned = await store.CannedUsesAsync(siteId, fromMs, toMs, ct);
        var phrases = await PhrasesAsync(siteId, fromMs, toMs, ct);
        var marks = (await store.MarksAsync(siteId, ct)).ToDictionary(m => (m.Kind, m.Item));

        var items = Group(InsightKinds.Tag, tags, marks)
            .Concat(Group(InsightKinds.Canned, canned, marks))
            .Concat(Group(InsightKinds.Phrase, phrases, marks).Where(i => i.Count >= PhraseMinimum))
            .OrderByDescending(i => i.Count).ThenBy(i => i.Kind, StringComparer.Ordinal).ThenBy(i => i.Label, StringComparer.Ordinal);
        return new InsightsReport(from, to, [.. items]);
    }

    public async Task<InsightMark> MarkActedOnAsync(string adminId, string siteId, string kind, string item, string note, CancellationToken ct)
    {
        var admin = await access.SiteAdminAsync(adminId, siteId, ct);
        if (!InsightKinds.All.Contains(kind))
        {
            throw new ConsoleActionException("kind_invalid", "An insight is a tag, a canned reply or a phrase.");
        }

        var key = (item ?? "").Trim();
        if (key.Length is 0 or > ItemMaxLength)
        {
            throw new ConsoleActionException("item_invalid", "Choose an insight to mark.");
        }

        var text = (note ?? "").Trim();
        if (text.Length is 0 or > MaxNoteLength)
        {
            throw new ConsoleActionException("note_invalid", $"Say what was done, in 1 to {MaxNoteLength} characters.");
        }

        // A note is free text like any other: the privacy guard has its say before it is stored.
        text = await privacy.MaskAsync(siteId, text, ct);
        var mark = new InsightsStore.Mark(kind, kind == InsightKinds.Canned ? key : key.ToLowerInvariant(), time.NowMs(), admin.Name, text);
        await store.SaveMarkAsync(siteId, mark, ct);
        return ToMark(mark);
    }

    /// <summary>Each first message's words and phrases, the customer's and the agents' names left out.</summary>
    private async Task<IReadOnlyList<InsightsStore.Heard>> PhrasesAsync(string siteId, long from, long to, CancellationToken ct)
    {
        var agentNames = await store.AgentNamesAsync(siteId, ct);
        return [.. (await store.FirstMessagesAsync(siteId, from, to, ct)).SelectMany(m =>
            FirstMessagePhrases.Of(m.Text, [m.CustomerName, .. agentNames])
                .Select(p => new InsightsStore.Heard { Item = p, Label = p, ConversationId = m.ConversationId, CustomerName = m.CustomerName, At = m.At }))];
    }

    /// <summary>One insight per item, counting each conversation once however often it was heard there.</summary>
    private static IEnumerable<Insight> Group(string kind, IEnumerable<InsightsStore.Heard> heard, Dictionary<(string Kind, string Item), InsightsStore.Mark> marks) =>
        heard.GroupBy(h => h.Item, StringComparer.Ordinal).Select(g =>
        {
            var conversations = g.GroupBy(h => h.ConversationId, StringComparer.Ordinal)
                .Select(c => c.MaxBy(h => h.At)!)
                .OrderByDescending(h => h.At).ThenBy(h => h.ConversationId, StringComparer.Ordinal)
                .Select(h => new InsightConversation(h.ConversationId, h.CustomerName, Clock.FromMs(h.At)))
                .ToList();
            var mark = marks.GetValueOrDefault((kind, g.Key));
            var since = mark is null ? conversations.Count : conversations.Count(c => c.At.ToUnixTimeMilliseconds() > mark.ActedAt);
            var label = kind == InsightKinds.Canned ? $"/{g.OrderByDescending(h => h.At).First().Label}" : g.First().Label;
            return new Insight(kind, g.Key, label, conversations.Count, conversations, since) { Mark = mark is null ? null : ToMark(mark) };
        });

    private static InsightMark ToMark(InsightsStore.Mark mark) => new(Clock.FromMs(mark.ActedAt), mark.ActedByName, mark.Note);
}
