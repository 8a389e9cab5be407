using Chat.AgentConsole.Port;
using Chat.Server.Agents;
using Chat.Server.Customers;
using Chat.Server.History;
using Chat.Server.Reports;
using Chat.Tests.Infrastructure;
using Dapper;

namespace Chat.Tests.Storage;

/// <summary>
/// Every report figure on a fixture with known times, on every database: a site in Berlin, so
/// the site's midnight is not UTC's; chats across midnight, a transfer, reopened chats, a chat no
/// agent answered and a left message. The expected numbers are worked out by hand in comments.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ReportFigureTests(PostgresServer postgres)
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly DateOnly Monday = new(2030, 1, 7);
    private static readonly DateOnly Tuesday = new(2030, 1, 8);

    public static TheoryData<string> Providers() => StorageContractTests.Providers();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Every_figure_of_the_fixture_is_exact(string provider)
    {
        var (storage, alex, sam) = await FixtureAsync(provider);

        var report = await ReportAsync(storage, null);

        // c1..c7 start on Monday or Tuesday in Berlin; c8 (Wednesday 00:10) and c9 (Sunday 23:50)
        // fall on Tuesday and Monday in UTC, and are out.
        Assert.Equal(new ReportVolume(Started: 7, Answered: 5, Missed: 1, LeftMessages: 1), report.Volume);
        // First replies of the answered live chats: 30, 90, 60, 120, 10 s. The left message's is not one.
        Assert.Equal(new DurationFigures(5, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120)), report.FirstResponse);
        // Resolved now: 10, 20, 5 and 60 min (c6 reopened and resolved again counts to its last
        // resolution; c7, reopened and open, not at all). Median of four: (10 + 20) / 2.
        Assert.Equal(new DurationFigures(4, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(60)), report.Resolution);
        Assert.Equal(3, report.Csat.Rated);
        Assert.Equal(11 / 3.0, report.Csat.Average!.Value, 9);
        Assert.Equal(2 / 3.0, report.Csat.HappyShare!.Value, 9);
        Assert.Equal([0, 1, 0, 1, 1], report.Csat.Distribution);
        var low = Assert.Single(report.Csat.LowRatings);
        Assert.Equal((2, "Did not answer my card question", "Customer c2"), (low.Rating, low.Comment, low.CustomerName));
        Assert.Equal(
            [new DayFigures(Monday, 2, 2, 0, 0), new DayFigures(Tuesday, 5, 3, 1, 1)],
            report.Days);
        Assert.Equal(7, report.BusyHours.Sum(h => h.Sum()));
        Assert.Equal([9, 23], Hours(report, 0));
        Assert.Equal([0, 10, 11, 14, 15], Hours(report, 1));
        Assert.Equal(
            [
                // Alex: c1, c2, c7; replies 30, 90, 10 s; rated 5 and 2; handed c3 on; one action kept on time, one late.
                new AgentFigures(alex, "Alex Admin", 3, 1, TimeSpan.FromSeconds(30), 2, 3.5, 2, 1),
                // Sam: c3, c5, c6; replies 60 and 120 s (c5 was a left message); rated 4; one action overdue, one not yet due.
                new AgentFigures(sam, "Sam Small", 3, 0, TimeSpan.FromSeconds(90), 1, 4.0, 1, 0),
            ],
            report.Agents);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task One_agent_s_report_counts_only_their_chats(string provider)
    {
        var (storage, _, sam) = await FixtureAsync(provider);

        var report = await ReportAsync(storage, sam);

        Assert.Equal("Sam Small", report.AgentName);
        Assert.Equal(new ReportVolume(3, 2, 0, 1), report.Volume);
        Assert.Equal(new DurationFigures(2, TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(120)), report.FirstResponse);
        Assert.Equal("Sam Small", Assert.Single(report.Agents).Name);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Only_the_latest_ratings_of_1_and_2_are_listed_and_all_are_counted(string provider)
    {
        var (storage, alex, _) = await FixtureAsync(provider);
        // 60 more chats rated 1 on Tuesday, a minute apart, after the fixture's own 2/5 on Monday.
        for (var i = 0; i < 60; i++)
        {
            var customer = await storage.Customers.CreateAsync(storage.SiteId, $"Unhappy {i}", null, VisitorTokens.Hash(VisitorTokens.New()), CancellationToken.None);
            await storage.Database.RunAsync((c, t) => c.ExecuteAsync(
                """
                INSERT INTO conversations (id, site_id, customer_id, agent_id, status, created_at, first_response_at, resolved_at, rating, rating_comment, last_seq, left_message)
                VALUES (@id, @site, @customer, @alex, 'resolved', @at, @at, @at, 1, @comment, 0, 0);
                """,
                new { id = $"u{i:D2}", site = storage.SiteId, customer = customer.Id, alex, at = At(Tuesday, 16, 0) + (i * 60_000L), comment = $"Comment {i}" }), CancellationToken.None);
        }

        var report = await ReportAsync(storage, null);

        Assert.Equal(61, report.Csat.Distribution[0] + report.Csat.Distribution[1]);
        Assert.Equal(ReportStore.LowRatingsShown, report.Csat.LowRatings.Count);
        Assert.Equal(Enumerable.Range(10, 50).Reverse().Select(i => ($"u{i:D2}", $"Unhappy {i}", $"Comment {i}")),
            report.Csat.LowRatings.Select(l => (l.ConversationId, l.CustomerName, l.Comment!)));
    }

    [Fact]
    public void Median_and_90th_percentile_follow_their_written_definitions()
    {
        Assert.Null(ReportBuilder.Median([]));
        Assert.Equal(7, ReportBuilder.Median([7]));
        Assert.Equal(15, ReportBuilder.Median([10, 20]));
        Assert.Equal(9, ReportBuilder.P90([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
        Assert.Equal(9, ReportBuilder.P90([1, 2, 3, 4, 5, 6, 7, 8, 9]));
        Assert.Equal(10, ReportBuilder.P90([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]));
    }

    private static IEnumerable<int> Hours(SiteReport report, int weekday) =>
        Enumerable.Range(0, 24).Where(h => report.BusyHours[weekday][h] > 0);

    private static async Task<SiteReport> ReportAsync(StorageUnderTest storage, string? agentId)
    {
        var rows = await new ReportStore(storage.Database).LoadAsync(
            storage.SiteId, HistoryStore.StartOfDayMs(Monday, Berlin), HistoryStore.StartOfDayMs(Tuesday.AddDays(1), Berlin), agentId, CancellationToken.None);
        var now = At(Tuesday, 20, 0);
        return ReportBuilder.Build(new ReportFrame(storage.SiteId, "Demo Shop", Berlin, Monday, Tuesday, agentId), rows, now);
    }

    private async Task<(StorageUnderTest Storage, string Alex, string Sam)> FixtureAsync(string provider)
    {
        var storage = await StorageUnderTest.OnAsync(provider, postgres);
        var db = storage.Database;
        await db.RunAsync((c, t) => c.ExecuteAsync("UPDATE sites SET time_zone = 'Europe/Berlin' WHERE id = @id;", new { id = storage.SiteId }), CancellationToken.None);
        var alex = (await db.RunAsync((c, t) => c.ExecuteScalarAsync<string>("SELECT id FROM agents WHERE role = 'admin';"), CancellationToken.None))!;
        var sam = (await storage.Agents.CreateAsync("sam@example.com", "Sam Small", "a long enough password", AgentRoles.Agent, 3, [storage.SiteId], CancellationToken.None)).Id;

        const long S = 1000, Min = 60 * S;
        // id, agent, start (Berlin), first reply after, resolved after, status, rating, comment, left message
        var rows = new (string Id, string? Agent, long Start, long? Reply, long? Resolved, string Status, int? Rating, string? Comment, bool Left)[]
        {
            ("c1", alex, At(Monday, 9, 0), 30 * S, 10 * Min, "resolved", 5, null, false),
            ("c2", alex, At(Monday, 23, 30), 90 * S, 20 * Min, "resolved", 2, "Did not answer my card question", false),
            ("c3", sam, At(Tuesday, 0, 30), 60 * S, 5 * Min, "resolved", 4, "Fine", false),
            ("c4", null, At(Tuesday, 10, 0), null, null, "queued", null, null, false),
            ("c5", sam, At(Tuesday, 11, 0), 120 * Min, null, "open", null, null, true),
            ("c6", sam, At(Tuesday, 14, 0), 120 * S, 60 * Min, "resolved", null, null, false),
            ("c7", alex, At(Tuesday, 15, 0), 10 * S, null, "open", null, null, false),
            ("c8", alex, At(Tuesday.AddDays(1), 0, 10), 5 * S, 1 * Min, "resolved", 1, "Out of the period", false),
            ("c9", alex, At(Monday.AddDays(-1), 23, 50), 5 * S, 1 * Min, "resolved", 1, "Out of the period", false),
        };
        foreach (var r in rows)
        {
            var customer = await storage.Customers.CreateAsync(storage.SiteId, $"Customer {r.Id}", null, VisitorTokens.Hash(VisitorTokens.New()), CancellationToken.None);
            await db.RunAsync((c, t) => c.ExecuteAsync(
                """
                INSERT INTO conversations (id, site_id, customer_id, agent_id, status, created_at, first_response_at, resolved_at, rating, rating_comment, last_seq, left_message)
                VALUES (@Id, @site, @customer, @Agent, @Status, @Start, @reply, @resolved, @rating, @Comment, 0, @left);
                """,
                new { r.Id, site = storage.SiteId, customer = customer.Id, r.Agent, r.Status, r.Start, reply = r.Start + r.Reply, resolved = r.Start + r.Resolved, rating = (long?)r.Rating, r.Comment, left = r.Left ? 1L : 0L }), CancellationToken.None);
        }

        // c3 began with Alex, who handed it to Sam.
        await db.RunAsync((c, t) => c.ExecuteAsync(
            "INSERT INTO notes (id, conversation_id, client_id, kind, author_id, author_name, target_name, text, created_at) VALUES ('n1', 'c3', 'n1', 'transfer', @alex, 'Alex Admin', 'Sam Small', 'Yours', @at);",
            new { alex, at = At(Tuesday, 0, 31) }), CancellationToken.None);
        // Next actions: Alex keeps one on time and one late; Sam's first is overdue, the second not yet due at 20:00.
        var actions = new (string Id, string Owner, long Due, long? Done)[]
        {
            ("a1", alex, At(Monday, 12, 0), At(Monday, 11, 0)),
            ("a2", alex, At(Tuesday, 12, 0), At(Tuesday, 13, 0)),
            ("a3", sam, At(Tuesday, 16, 0), null),
            ("a4", sam, At(Tuesday, 22, 0), null),
        };
        foreach (var a in actions)
        {
            await db.RunAsync((c, t) => c.ExecuteAsync(
                """
                INSERT INTO next_actions (id, conversation_id, site_id, client_id, kind, what, owner_id, owner_name, due_at, created_by, created_at, done_at)
                VALUES (@Id, 'c1', @site, @Id, 'promise', 'call back', @Owner, 'x', @Due, @Owner, @Due, @Done);
                """,
                new { a.Id, site = storage.SiteId, a.Owner, a.Due, a.Done }), CancellationToken.None);
        }

        return (storage, alex, sam);
    }

    private static long At(DateOnly day, int hour, int minute)
    {
        var local = day.ToDateTime(new TimeOnly(hour, minute));
        return new DateTimeOffset(local, Berlin.GetUtcOffset(local)).ToUnixTimeMilliseconds();
    }
}
