using Chat.Server.Routing;

namespace Chat.Tests.Unit;

public sealed class AgentPickerTests
{
    private static AgentSlot Agent(string id, int load, int capacity = 3, bool available = true, long lastAssignedAt = 0, string site = "s1") =>
        new(id, new HashSet<string> { site }, capacity, load, available, lastAssignedAt);

    [Fact]
    public void The_least_loaded_agent_gets_the_chat() =>
        Assert.Equal("b", AgentPicker.Pick([Agent("a", 2), Agent("b", 0), Agent("c", 1)], "s1")!.AgentId);

    [Fact]
    public void An_agent_at_capacity_is_never_picked() =>
        Assert.Null(AgentPicker.Pick([Agent("a", 2, capacity: 2), Agent("b", 1, capacity: 1)], "s1"));

    [Fact]
    public void An_away_agent_is_never_picked() =>
        Assert.Equal("b", AgentPicker.Pick([Agent("a", 0, available: false), Agent("b", 2)], "s1")!.AgentId);

    [Fact]
    public void Only_agents_of_the_site_are_picked() =>
        Assert.Null(AgentPicker.Pick([Agent("a", 0, site: "other")], "s1"));

    [Fact]
    public void On_equal_load_the_agent_idle_longest_goes_first() =>
        Assert.Equal("b", AgentPicker.Pick([Agent("a", 1, lastAssignedAt: 200), Agent("b", 1, lastAssignedAt: 100)], "s1")!.AgentId);
}
