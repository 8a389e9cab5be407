using Chat.Server.Routing;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Tests.Unit;

public sealed class InProcessRouterTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static AgentSlot Agent(string id, int capacity) => new(id, new HashSet<string> { "s1" }, capacity, 0, true, 0);

    [Fact]
    public async Task Concurrent_routing_never_exceeds_capacity_and_never_hands_a_conversation_out_twice()
    {
        var router = new InProcessRouter(TimeProvider.System);
        await router.SetAgentAsync(Agent("a", 3), None);
        await router.SetAgentAsync(Agent("b", 2), None);

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            Task.Run(async () => (Conversation: $"c{i}", Agent: await router.AssignOrEnqueueAsync("s1", $"c{i}", i, None)))));

        var assigned = results.Where(r => r.Agent is not null).ToList();
        Assert.Equal(5, assigned.Count);
        Assert.Equal(3, assigned.Count(r => r.Agent == "a"));
        Assert.Equal(2, assigned.Count(r => r.Agent == "b"));
        var queue = await router.QueueAsync("s1", None);
        Assert.Equal(195, queue.Count);
        Assert.Empty(queue.Intersect(assigned.Select(r => r.Conversation)));
    }

    [Fact]
    public async Task A_freed_slot_goes_to_the_visitor_who_waited_longest()
    {
        var router = new InProcessRouter(TimeProvider.System);
        await router.SetAgentAsync(Agent("a", 1), None);
        Assert.Equal("a", await router.AssignOrEnqueueAsync("s1", "first", 1, None));
        Assert.Null(await router.AssignOrEnqueueAsync("s1", "second", 2, None));
        Assert.Null(await router.AssignOrEnqueueAsync("s1", "third", 3, None));
        Assert.Equal(2, await router.PositionAsync("s1", "third", None));

        await router.ReleaseAsync("a", None);

        Assert.Equal(["second"], await router.DrainForAgentAsync("a", None));
        Assert.Equal(1, await router.PositionAsync("s1", "third", None));
    }

    [Fact]
    public async Task Between_equally_loaded_agents_the_one_longest_without_a_new_chat_gets_the_next()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 7, 9, 0, 0, TimeSpan.Zero));
        var router = new InProcessRouter(time);
        await router.SetAgentAsync(Agent("a", 2), None);
        await router.SetAgentAsync(Agent("b", 2), None);
        Assert.Equal("a", await router.AssignOrEnqueueAsync("s1", "first", 1, None));
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("b", await router.AssignOrEnqueueAsync("s1", "second", 2, None));
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("a", await router.AssignOrEnqueueAsync("s1", "third", 3, None));

        // One chat each again; "b" got theirs a minute before "a", so "b" is next although "a" sorts first.
        await router.ReleaseAsync("a", None);

        Assert.Equal("b", await router.AssignOrEnqueueAsync("s1", "fourth", 4, None));
    }

    [Fact]
    public async Task Newcomers_do_not_jump_the_line()
    {
        var router = new InProcessRouter(TimeProvider.System);
        Assert.Null(await router.AssignOrEnqueueAsync("s1", "waiting", 4, None));
        await router.SetAgentAsync(Agent("a", 5), None);

        // An agent is free, but someone already waits: the newcomer queues behind them.
        Assert.Null(await router.AssignOrEnqueueAsync("s1", "newcomer", 5, None));
        Assert.Equal(["waiting", "newcomer"], await router.DrainForAgentAsync("a", None));
    }

    [Fact]
    public async Task Taking_from_the_line_respects_capacity()
    {
        var router = new InProcessRouter(TimeProvider.System);
        await router.SetAgentAsync(Agent("a", 1) with { Available = false }, None);
        Assert.Null(await router.AssignOrEnqueueAsync("s1", "one", 6, None));
        Assert.Null(await router.AssignOrEnqueueAsync("s1", "two", 7, None));

        Assert.True(await router.TryTakeAsync("a", "s1", "two", None));
        Assert.False(await router.TryTakeAsync("a", "s1", "one", None));
        Assert.False(await router.TryTakeAsync("a", "s1", "two", None));
        Assert.Equal(["one"], await router.QueueAsync("s1", None));
    }

    [Fact]
    public async Task A_handover_moves_one_chat_of_load_in_one_step_and_never_past_capacity()
    {
        var router = new InProcessRouter(TimeProvider.System);
        await router.SetAgentAsync(Agent("from", 3) with { Load = 3 }, None);
        await router.SetAgentAsync(Agent("to", 2), None);

        // Many transfers at once to an agent with room for two: exactly two happen.
        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => router.TryHandOverAsync("s1", "to", "from", None))));

        Assert.Equal(2, results.Count(r => r));
        var agents = (await router.AgentsAsync("s1", None)).ToDictionary(a => a.AgentId);
        Assert.Equal(2, agents["to"].Load);
        Assert.Equal(1, agents["from"].Load);
    }

    [Fact]
    public async Task A_handover_needs_an_available_agent_of_the_site()
    {
        var router = new InProcessRouter(TimeProvider.System);
        await router.SetAgentAsync(Agent("away", 5) with { Available = false }, None);
        await router.SetAgentAsync(Agent("elsewhere", 5) with { SiteIds = new HashSet<string> { "s2" } }, None);
        await router.SetAgentAsync(Agent("from", 5) with { Load = 1 }, None);

        Assert.False(await router.TryHandOverAsync("s1", "away", "from", None));
        Assert.False(await router.TryHandOverAsync("s1", "elsewhere", "from", None));
        Assert.False(await router.TryHandOverAsync("s1", "unknown", "from", None));
        Assert.Equal(1, (await router.AgentsAsync("s1", None)).Single(a => a.AgentId == "from").Load);

        // Without a giver (a reopened chat) only the taker's load rises.
        Assert.True(await router.TryHandOverAsync("s1", "from", null, None));
        Assert.Equal(2, (await router.AgentsAsync("s1", None)).Single(a => a.AgentId == "from").Load);
    }
}
