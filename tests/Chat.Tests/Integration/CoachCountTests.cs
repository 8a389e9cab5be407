using Chat.AgentConsole.Coach;
using Chat.AgentConsole.Port;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Integration;

/// <summary>Each reply-coach hint is counted per site (shown, dismissed, followed) for the reports.</summary>
public sealed class CoachCountTests : IAsyncLifetime
{
    private ChatServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatServer.StartAsync();

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

        Assert.Equal(2L, await _server.ScalarAsync<long>("SELECT shown FROM coach_counts WHERE rule = 'no_name'"));
        Assert.Equal(1L, await _server.ScalarAsync<long>("SELECT followed FROM coach_counts WHERE rule = 'no_name'"));
        Assert.Equal(1L, await _server.ScalarAsync<long>("SELECT dismissed FROM coach_counts WHERE rule = 'own_problems'"));

        var unknown = await Assert.ThrowsAsync<ConsoleActionException>(() => agent.Port.CountCoachHintAsync(me, conversationId, "shown = shown + 1000; --", CoachOutcome.Shown, CancellationToken.None));
        Assert.Equal("coach_rule_invalid", unknown.Code);
        var other = await _server.AddSiteAsync("Other shop", "Olga Other");
        await using var olga = await _server.OpenConsoleAsync(other.AdminEmail, ChatServer.AdminPassword);
        var intruder = await Assert.ThrowsAsync<ConsoleActionException>(() => olga.Port.CountCoachHintAsync(olga.Agent.Id, conversationId, CoachRules.NoName, CoachOutcome.Shown, CancellationToken.None));
        Assert.Equal("not_your_conversation", intruder.Code);
        Assert.Equal(2L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM coach_counts"));
        Assert.Equal(2L, await _server.ScalarAsync<long>("SELECT shown FROM coach_counts WHERE rule = 'no_name'"));
    }
}
