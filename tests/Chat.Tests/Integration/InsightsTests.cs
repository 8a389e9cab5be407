using Chat.AgentConsole.Insights;
using Chat.AgentConsole.Port;
using Chat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Tests.Integration;

/// <summary>
/// The three-times rule on a fixture week: conversation tags, canned replies used and the phrases
/// of visitors' first messages, counted per conversation over a rolling seven days; what is heard
/// three times is raised with links, can be marked acted on, and is raised again when it comes back.
/// </summary>
public sealed class InsightsTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2030, 1, 7, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private ChatServer _server = null!;
    private AgentSession _agent = null!;
    private IInsightsPort _insights = null!;
    private string _siteId = "";
    private string _trackingReplyId = "";

    public async Task InitializeAsync()
    {
        _server = await ChatServer.StartAsync(s => s.AddSingleton<TimeProvider>(_time));
        _agent = await _server.OpenConsoleAsync();
        _insights = _server.Services.CreateScope().ServiceProvider.GetRequiredService<IInsightsPort>();
        _siteId = await _server.ScalarAsync<string>("SELECT id FROM sites WHERE site_key = @SiteKey", new { ChatServer.SiteKey });
        _trackingReplyId = (await _server.AdminPort().SaveCannedReplyAsync(
            _agent.Agent.Id, new CannedReply("", _siteId, "tracking", "Here is your tracking link: https://track.test"), CancellationToken.None)).Id;
    }

    public async Task DisposeAsync()
    {
        await _agent.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_fixture_week_is_counted_exactly_and_what_is_heard_three_times_is_raised_with_its_conversations()
    {
        // Eight days before the week: outside the window, so none of it counts.
        await ChatAsync("Olga Old", "The tracking link is broken", tags: ["shipping"], canned: 1);
        _time.Advance(TimeSpan.FromDays(8));

        var ana = await ChatAsync("Ana Lima", "Hi, the tracking link for order 1001 is broken", tags: ["shipping"], canned: 1);
        var ben = await ChatAsync("Ben Okafor", "Ben here. The tracking link is broken again", tags: ["Shipping"], canned: 2);
        var carla = await ChatAsync("Carla Rossi", "Der Tracking Link funktioniert nicht, Alex", tags: ["shipping"], canned: 1);
        await ChatAsync("Dan Wu", "Can I pay with PayPal?", tags: ["payment"]);
        await ChatAsync("Eva Berg", "Do you take PayPal? Card 4111 1111 1111 1111", tags: ["payment"]);

        var report = await _insights.GetInsightsAsync(_agent.Agent.Id, _siteId, CancellationToken.None);

        Assert.Equal(_time.GetUtcNow() - TimeSpan.FromDays(7), report.From);
        // Every tag and canned reply, and the phrases heard twice or more, most heard first; each conversation once.
        Assert.Equal(
            [
                ("canned", "/tracking", 3), ("phrase", "link", 3), ("phrase", "tracking", 3), ("phrase", "tracking link", 3), ("tag", "shipping", 3),
                ("phrase", "broken", 2), ("phrase", "paypal", 2), ("tag", "payment", 2),
            ],
            report.Items.Select(i => (i.Kind, i.Label, i.Count)));
        Assert.Equal(["/tracking", "link", "tracking", "tracking link", "shipping"], report.Items.Where(i => i.Raised).Select(i => i.Label));
        var shipping = report.Items.Single(i => i.Kind == InsightKinds.Tag && i.Item == "shipping");
        Assert.Equal([carla, ben, ana], shipping.Conversations.Select(c => c.ConversationId));
        Assert.Equal(["Carla Rossi", "Ben Okafor", "Ana Lima"], shipping.Conversations.Select(c => c.CustomerName));
        Assert.Equal(_trackingReplyId, report.Items.Single(i => i.Kind == InsightKinds.Canned).Item);
        // Names (the customer's own, the agent's), stop words, numbers and masked cards are left out.
        Assert.DoesNotContain(report.Items, i => i.Label is "ben" or "alex" or "order" or "1001" or "1111" or "the" or "der" or "nicht");

        // Marked acted on: no longer raised, and the note is kept.
        _time.Advance(TimeSpan.FromHours(1));
        var mark = await _insights.MarkActedOnAsync(_agent.Agent.Id, _siteId, InsightKinds.Phrase, "Tracking Link", "Fixed the link in the dispatch email", CancellationToken.None);
        Assert.Equal(("Alex Admin", "Fixed the link in the dispatch email", _time.GetUtcNow()), (mark.ByName, mark.Note, mark.At));
        var marked = (await _insights.GetInsightsAsync(_agent.Agent.Id, _siteId, CancellationToken.None)).Items.Single(i => i.Item == "tracking link");
        Assert.Equal((3, 0, false), (marked.Count, marked.CountSinceMark, marked.Raised));
        Assert.Equal("Fixed the link in the dispatch email", marked.Mark?.Note);

        // It keeps coming back: three more conversations after the mark raise it again.
        _time.Advance(TimeSpan.FromDays(1));
        await ChatAsync("Finn Hale", "tracking link broken");
        await ChatAsync("Gia Moss", "Your tracking link shows nothing");
        var twice = await ChatAsync("Hugo Lenz", "Tracking link?");
        var again = (await _insights.GetInsightsAsync(_agent.Agent.Id, _siteId, CancellationToken.None)).Items.Single(i => i.Item == "tracking link");
        Assert.Equal((6, 3, true, true), (again.Count, again.CountSinceMark, again.Raised, again.RaisedAgain));
        Assert.Equal(twice, again.Conversations[0].ConversationId);

        // A week later the first days have rolled out of the window.
        _time.Advance(TimeSpan.FromDays(6) + TimeSpan.FromHours(12));
        var later = await _insights.GetInsightsAsync(_agent.Agent.Id, _siteId, CancellationToken.None);
        Assert.DoesNotContain(later.Items, i => i.Kind == InsightKinds.Tag);
        Assert.Equal(3, later.Items.Single(i => i.Item == "tracking link").Count);
    }

    [Fact]
    public async Task Only_the_sites_admins_see_or_mark_insights_and_bad_marks_change_nothing()
    {
        var other = await _server.AddSiteAsync("Other shop", "Olga Other");
        var intruder = await Assert.ThrowsAsync<ConsoleActionException>(() => _insights.GetInsightsAsync(other.AdminId, _siteId, CancellationToken.None));
        Assert.Equal("not_found", intruder.Code);
        var (email, _) = await _server.AddAgentAsync("Bob Agent", 2);
        var bob = await _server.ScalarAsync<string>("SELECT id FROM agents WHERE email = @email", new { email });
        var agent = await Assert.ThrowsAsync<ConsoleActionException>(() => _insights.MarkActedOnAsync(bob, _siteId, InsightKinds.Tag, "shipping", "done", CancellationToken.None));
        Assert.Equal("admin_only", agent.Code);

        async Task<string> Refused(string kind, string item, string note) =>
            (await Assert.ThrowsAsync<ConsoleActionException>(() => _insights.MarkActedOnAsync(_agent.Agent.Id, _siteId, kind, item, note, CancellationToken.None))).Code;
        Assert.Equal("kind_invalid", await Refused("tag'; DROP TABLE insight_marks; --", "shipping", "done"));
        Assert.Equal("note_invalid", await Refused(InsightKinds.Tag, "shipping", "   "));
        Assert.Equal("note_invalid", await Refused(InsightKinds.Tag, "shipping", new string('x', 501)));
        Assert.Equal("item_invalid", await Refused(InsightKinds.Tag, "", "done"));
        Assert.Equal(0L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM insight_marks"));

        // A note is text, and the privacy guard masks a card number in it like anywhere else.
        var mark = await _insights.MarkActedOnAsync(_agent.Agent.Id, _siteId, InsightKinds.Tag, "shipping", "<script>x</script> refunded 4111 1111 1111 1111", CancellationToken.None);
        Assert.Equal("<script>x</script> refunded •••• •••• •••• 1111", mark.Note);

        var canned = await Assert.ThrowsAsync<ConsoleActionException>(() => _agent.Port.CountCannedReplyUseAsync(other.AdminId, "no-such-chat", _trackingReplyId, CancellationToken.None));
        Assert.Equal("not_your_conversation", canned.Code);
    }

    /// <summary>A visitor starts a chat with a first message; the agent tags it and uses the tracking reply.</summary>
    private async Task<string> ChatAsync(string name, string first, string[]? tags = null, int canned = 0)
    {
        await using var widget = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync(name, null));
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await widget.InvokeAsync("Send", new { conversationId, clientId = "first", text = first });
        foreach (var tag in tags ?? [])
        {
            await _agent.Port.AddConversationTagAsync(_agent.Agent.Id, conversationId, tag, CancellationToken.None);
        }

        for (var i = 0; i < canned; i++)
        {
            await _agent.Port.CountCannedReplyUseAsync(_agent.Agent.Id, conversationId, _trackingReplyId, CancellationToken.None);
        }

        // Later chats start later, so "newest first" is well defined.
        _time.Advance(TimeSpan.FromMinutes(10));
        return conversationId;
    }
}
