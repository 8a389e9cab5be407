using System.Globalization;
using Chat.AgentConsole.Port;
using Chat.Server.Agents;
using Chat.Server.Conversations;
using Chat.Server.Customers;
using Chat.Server.Privacy;

namespace Chat.Server.History;

/// <summary>
/// The server's side of the console's history port. Tenancy first on every call: an agent
/// reads only the sites they belong to (an admin, the sites they manage), and a site, agent or
/// conversation of another tenant is answered as if it did not exist.
/// </summary>
internal sealed class HistoryPort(AgentStore agents, HistoryStore history, SearchStore search, CustomerTags customerTags, CustomerStore customers) : IHistoryPort
{
    public const int PageSize = 25;
    public const int SearchPageSize = 20;

    /// <summary>Ranked results are paged by offset; deeper than this, refine the words instead.</summary>
    public const int MaxSearchPage = 25;

    public Task<HistoryChoices> GetChoicesAsync(string agentId, CancellationToken ct) =>
        Guard(async () =>
        {
            var rows = await history.ChoicesAsync(agentId, ct);
            return new HistoryChoices(
                [.. rows.Sites.Select(s => new NamedItem(s.Id, s.Name))],
                [.. rows.Agents.Select(a => new NamedItem(a.Id, a.Name))],
                rows.Tags);
        });

    public Task<ConversationList> ListAsync(string agentId, ConversationFilter filter, CancellationToken ct) =>
        Guard(async () =>
        {
            ArgumentNullException.ThrowIfNull(filter);
            var choices = await history.ChoicesAsync(agentId, ct);
            var sites = choices.Sites;
            if (Blank(filter.SiteId) is { } siteId)
            {
                sites = [.. sites.Where(s => s.Id == siteId)];
                if (sites.Count == 0)
                {
                    throw Invalid("That site is not one of yours.");
                }
            }

            if (sites.Count == 0)
            {
                return new ConversationList([], null);
            }

            // Days are the chosen site's days; across several sites, UTC's.
            var zone = sites.Count == 1 ? HistoryStore.Zone(sites[0].TimeZone) : TimeZoneInfo.Utc;
            var query = new ListQuery([.. sites.Select(s => s.Id)], PageSize + 1)
            {
                Status = Blank(filter.Status),
                AgentId = Blank(filter.AgentId),
                CustomerId = Blank(filter.CustomerId),
                Rating = filter.Rating is null or (>= 1 and <= 5) ? filter.Rating : throw Invalid("A rating is 1 to 5."),
                Tag = Blank(filter.Tag),
                FromMs = filter.From is { } from ? HistoryStore.StartOfDayMs(from, zone) : null,
                ToMs = filter.To is { } to ? HistoryStore.StartOfDayMs(to.AddDays(1), zone) : null,
                OpenAction = filter.OpenAction,
                After = Blank(filter.After) is { } after ? ParseCursor(after) : null,
            };
            var rows = await history.ListAsync(query, ct);
            var page = rows.Take(PageSize).Select(r => new ConversationListItem(
                r.Id, r.SiteName, r.CustomerName, r.CustomerEmail, r.AgentName, r.Status, Clock.FromMs(r.CreatedAt), (int?)r.Rating, r.MessageCount)
            {
                HasOpenAction = r.HasOpenAction != 0,
                TimeZone = r.TimeZone ?? "UTC",
            }).ToList();
            var next = rows.Count > PageSize ? Cursor(rows[PageSize - 1]) : null;
            return new ConversationList(page, next);
        });

    public Task<ConversationRecord> OpenAsync(string agentId, string conversationId, CancellationToken ct) =>
        Guard(async () =>
        {
            var rows = string.IsNullOrEmpty(conversationId) ? null : await history.ReadAsync(conversationId, ct);
            if (rows is null || !(await agents.SiteIdsAsync(agentId, ct)).Contains(rows.Head.SiteId))
            {
                throw MessageRules.NotYours();
            }

            var head = rows.Head;
            var customer = await customers.FindAsync(head.CustomerId, ct) ?? throw MessageRules.NotYours();
            var info = new CustomerInfo(customer.Id, customer.Name, customer.Email, Clock.FromMs(customer.FirstSeen), Clock.FromMs(customer.LastSeen), (int)head.CustomerConversations)
            {
                Tags = await customerTags.ListAsync(customer.Id, ct),
            };
            var timeZone = head.SiteTimeZone ?? "UTC";
            return new ConversationRecord(
                head.Id,
                head.SiteId,
                head.SiteName,
                timeZone,
                head.Status,
                head.AgentName,
                info,
                Clock.FromMs(head.CreatedAt),
                head.ResolvedAt is { } resolved ? Clock.FromMs(resolved) : null,
                (int?)head.Rating,
                head.RatingComment,
                [.. rows.Messages.Select(ToMessage)],
                [.. rows.Notes.Select(n => new ChatNote(head.Id, n.ClientId, n.Kind == NoteKinds.Transfer ? NoteKind.Transfer : NoteKind.Note, n.AuthorName, n.TargetName, n.Text, Clock.FromMs(n.CreatedAt)))],
                rows.Tags,
                [.. rows.Actions.Select(a => new NextAction(a.Id, head.Id, a.What, a.OwnerId, a.OwnerName, Clock.FromMs(a.DueAt))
                {
                    DoneAt = a.DoneAt is { } done ? Clock.FromMs(done) : null,
                    Outcome = a.Outcome,
                    CustomerName = customer.Name,
                    ConversationStatus = head.Status,
                    IsComplaint = a.Kind == "complaint",
                    TimeZone = timeZone,
                })]);
        });

    public Task<SearchResults> SearchAsync(string agentId, string query, int page, CancellationToken ct) =>
        Guard(async () =>
        {
            var terms = SearchTerms.Parse(query);
            page = Math.Clamp(page, 1, MaxSearchPage);
            var siteIds = await agents.SiteIdsAsync(agentId, ct);
            if (terms.IsEmpty || siteIds.Count == 0)
            {
                return new SearchResults(terms.Words, [], [], page, false);
            }

            var found = await search.MessagesAsync(siteIds, terms, (page - 1) * SearchPageSize, SearchPageSize + 1, ct);
            var people = page == 1 ? await search.CustomersAsync(siteIds, terms, ct) : [];
            return new SearchResults(
                terms.Words,
                [.. found.Take(SearchPageSize).Select(m => new MessageHit(m.ConversationId, m.Seq, m.SiteName, m.CustomerName, m.SenderName, Clock.FromMs(m.CreatedAt), terms.Highlight(m.Text)))],
                [.. people.Select(p => new CustomerHit(p.Id, p.SiteName, terms.Highlight(p.Name), terms.Highlight(p.Email ?? "")))],
                page,
                found.Count > SearchPageSize && page < MaxSearchPage);
        });

    private static ChatMessage ToMessage(MessageItem m) => new(
        m.ConversationId, m.ClientId, m.Seq,
        m.Sender switch { SenderKinds.Agent => SenderKind.Agent, SenderKinds.Visitor => SenderKind.Visitor, _ => SenderKind.System },
        m.SenderName, m.Text, Clock.FromMs(m.CreatedAt))
    {
        Masked = m.Sender != SenderKinds.System && PrivateDataMask.WasMasked(m.Text),
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Cursor(ListRow row) => $"{row.CreatedAt.ToString(CultureInfo.InvariantCulture)}-{row.Id}";

    private static (long, string) ParseCursor(string cursor)
    {
        var dash = cursor.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && long.TryParse(cursor.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var at) && dash < cursor.Length - 1
            ? (at, cursor[(dash + 1)..])
            : throw Invalid("That page link is not valid; start from the first page.");
    }

    private static ChatRuleException Invalid(string message) => new("filter_invalid", message);

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
        catch (Exception e) when (InfrastructureErrors.IsInfrastructure(e))
        {
            throw new ConsoleActionException(InfrastructureErrors.Code, InfrastructureErrors.Sentence);
        }
    }
}
