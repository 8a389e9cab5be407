using Chat.AgentConsole.Coach;
using Chat.AgentConsole.CoachReport;
using Chat.AgentConsole.Port;
using Chat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Tests.Integration;

/// <summary>Each reply-coach hint is counted per site (shown, dismissed, followed) for the reports.</summary>
public sealed class CoachCountTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Monday = new(2030, 1, 7, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Monday);
    private ChatServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatServer.StartAsync(s => s.AddSingleton<TimeProvider>(_time));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Hints_are_counted_per_site_and_rule_and_bad_counts_change_nothing()
    {
        await using var agent = await _server.OpenConsoleAsync();
        await using var widget = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync());
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await agent.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == conversationId);
        var me = agent.Agent.Id;

        await agent.Port.CountCoachHintAsync(me, conversationId, CoachRules.NoName, CoachOutcome.Shown, CancellationToken.None);
        await agent.Port.CountCoachHintAsync(me, conversationId, CoachRules.NoName, CoachOutcome.Shown, CancellationToken.None);
        await agent.Port.CountCoachHintAsync(me, conversationId, CoachRules.NoName, CoachOutcome.Followed, CancellationToken.None);
        await agent.Port.CountCoachHintAsync(me, conversationId, CoachRules.OwnProblems, CoachOutcome.Dismissed, CancellationToken.None);

        Assert.Equal(2L, await _server.ScalarAsync<long>("SELECT shown FROM coach_counts_daily WHERE rule = 'no_name'"));
        Assert.Equal(1L, await _server.ScalarAsync<long>("SELECT followed FROM coach_counts_daily WHERE rule = 'no_name'"));
        Assert.Equal(1L, await _server.ScalarAsync<long>("SELECT dismissed FROM coach_counts_daily WHERE rule = 'own_problems'"));

        var unknown = await Assert.ThrowsAsync<ConsoleActionException>(() => agent.Port.CountCoachHintAsync(me, conversationId, "shown = shown + 1000; --", CoachOutcome.Shown, CancellationToken.None));
        Assert.Equal("coach_rule_invalid", unknown.Code);
        var other = await _server.AddSiteAsync("Other shop", "Olga Other");
        await using var olga = await _server.OpenConsoleAsync(other.AdminEmail, ChatServer.AdminPassword);
        var intruder = await Assert.ThrowsAsync<ConsoleActionException>(() => olga.Port.CountCoachHintAsync(olga.Agent.Id, conversationId, CoachRules.NoName, CoachOutcome.Shown, CancellationToken.None));
        Assert.Equal("not_your_conversation", intruder.Code);
        Assert.Equal(2L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM coach_counts_daily"));
        Assert.Equal(2L, await _server.ScalarAsync<long>("SELECT shown FROM coach_counts_daily WHERE rule = 'no_name'"));
    }

    [Fact]
    public async Task The_report_gives_each_hint_its_counts_for_the_chosen_days_only_and_only_to_the_sites_admins()
    {
        await using var agent = await _server.OpenConsoleAsync();
        await using var widget = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync());
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await agent.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == conversationId);
        var me = agent.Agent.Id;
        Task Count(string rule, CoachOutcome outcome) => agent.Port.CountCoachHintAsync(me, conversationId, rule, outcome, CancellationToken.None);

        // Monday: the name hint shown twice and followed once; Wednesday: shown once, dismissed once, and a promise followed.
        await Count(CoachRules.NoName, CoachOutcome.Shown);
        await Count(CoachRules.NoName, CoachOutcome.Shown);
        await Count(CoachRules.NoName, CoachOutcome.Followed);
        _time.Advance(TimeSpan.FromDays(2));
        await Count(CoachRules.NoName, CoachOutcome.Shown);
        await Count(CoachRules.NoName, CoachOutcome.Dismissed);
        await Count(CoachRules.PromiseWithoutAction, CoachOutcome.Shown);
        await Count(CoachRules.PromiseWithoutAction, CoachOutcome.Followed);

        using var scope = _server.Services.CreateScope();
        var reports = scope.ServiceProvider.GetRequiredService<ICoachReportPort>();
        var siteId = await _server.ScalarAsync<string>("SELECT id FROM sites WHERE site_key = @SiteKey", new { ChatServer.SiteKey });
        var monday = DateOnly.FromDateTime(Monday.UtcDateTime);

        var week = await reports.GetCoachCountsAsync(me, siteId, monday, monday.AddDays(6), CancellationToken.None);
        Assert.Equal(CoachRules.All, week.Select(c => c.Rule));
        Assert.Equal(new CoachRuleCount(CoachRules.NoName, 3, 1, 1), week.Single(c => c.Rule == CoachRules.NoName));
        Assert.Equal(new CoachRuleCount(CoachRules.PromiseWithoutAction, 1, 0, 1), week.Single(c => c.Rule == CoachRules.PromiseWithoutAction));
        Assert.Equal(new CoachRuleCount(CoachRules.Doubting, 0, 0, 0), week.Single(c => c.Rule == CoachRules.Doubting));

        var mondayOnly = await reports.GetCoachCountsAsync(me, siteId, monday, monday, CancellationToken.None);
        Assert.Equal(new CoachRuleCount(CoachRules.NoName, 2, 0, 1), mondayOnly.Single(c => c.Rule == CoachRules.NoName));
        Assert.Equal(0, mondayOnly.Single(c => c.Rule == CoachRules.PromiseWithoutAction).Shown);

        var backwards = await Assert.ThrowsAsync<ConsoleActionException>(() => reports.GetCoachCountsAsync(me, siteId, monday, monday.AddDays(-1), CancellationToken.None));
        Assert.Equal("period_invalid", backwards.Code);
        var other = await _server.AddSiteAsync("Other shop", "Olga Other");
        var intruder = await Assert.ThrowsAsync<ConsoleActionException>(() => reports.GetCoachCountsAsync(other.AdminId, siteId, monday, monday, CancellationToken.None));
        Assert.Equal("not_found", intruder.Code);
        var (email, _) = await _server.AddAgentAsync("Bob Agent", 2);
        var bobId = await _server.ScalarAsync<string>("SELECT id FROM agents WHERE email = @email", new { email });
        var notAdmin = await Assert.ThrowsAsync<ConsoleActionException>(() => reports.GetCoachCountsAsync(bobId, siteId, monday, monday, CancellationToken.None));
        Assert.Equal("admin_only", notAdmin.Code);
    }
}
