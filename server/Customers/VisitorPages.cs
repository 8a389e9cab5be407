using Chat.Server.Conversations;
using Chat.Server.Events;
using Chat.Server.Privacy;
using Chat.Server.Storage;
using Dapper;

namespace Chat.Server.Customers;

/// <summary>The page each visitor is on, as the widget reports it, kept on the customer for the agent's panel.</summary>
public sealed class VisitorPages(Database database, ConversationStore conversations, IEventBus bus, PrivacyGuard privacy, TimeProvider time)
{
    public async Task ReportAsync(Customer customer, string? url, string? title, string? timeZone, string? userAgent, CancellationToken ct)
    {
        var (validUrl, validTitle, validZone) = VisitorPageRules.Validate(url, title, timeZone);
        var page = new VisitorPageRow
        {
            // A shop's checkout page may carry a card number in its address or title.
            PageUrl = await privacy.MaskAddressAsync(customer.SiteId, validUrl, ct),
            PageTitle = await privacy.MaskOptionalAsync(customer.SiteId, validTitle, ct),
            TimeZone = validZone,
            UserAgent = VisitorPageRules.UserAgent(userAgent),
            PageReportedAt = time.NowMs(),
        };
        await database.RunAsync((c, token) => c.ExecuteAsync(new CommandDefinition(
            """
            UPDATE customers
            SET page_url = @PageUrl, page_title = @PageTitle, time_zone = @TimeZone, user_agent = @UserAgent,
                page_reported_at = @PageReportedAt, last_seen = @PageReportedAt
            WHERE id = @customerId;
            """,
            new { page.PageUrl, page.PageTitle, page.TimeZone, page.UserAgent, page.PageReportedAt, customerId = customer.Id },
            cancellationToken: token)), ct);

        // Only the agent answering this visitor right now needs to see the panel move.
        var latest = await conversations.LatestForCustomerAsync(customer.Id, ct);
        if (latest is { Status: ConversationStatus.Open, AgentId: { } agentId })
        {
            bus.Publish(new VisitorPageReported(customer.Id, agentId, page));
        }
    }

    /// <summary>The last page the visitor reported, or null when the widget never did.</summary>
    public async Task<VisitorPageRow?> FindAsync(string customerId, CancellationToken ct)
    {
        var row = await database.RunAsync((c, token) => c.QuerySingleOrDefaultAsync<VisitorPageRow>(new CommandDefinition(
            """
            SELECT page_url AS PageUrl, page_title AS PageTitle, time_zone AS TimeZone, user_agent AS UserAgent, page_reported_at AS PageReportedAt
            FROM customers WHERE id = @customerId;
            """,
            new { customerId }, cancellationToken: token)), ct);
        return row?.PageUrl is null ? null : row;
    }
}

/// <summary>A class with properties: these columns are NULL until the widget first reports, which Dapper's record mapping cannot type.</summary>
public sealed class VisitorPageRow
{
    public string? PageUrl { get; init; }

    public string? PageTitle { get; init; }

    public string? TimeZone { get; init; }

    public string? UserAgent { get; init; }

    public long? PageReportedAt { get; init; }
}
