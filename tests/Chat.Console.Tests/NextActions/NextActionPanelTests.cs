using Chat.AgentConsole.NextActions;
using Chat.AgentConsole.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.AgentConsole.Tests.NextActions;

public sealed class NextActionPanelTests : BunitContext
{
    private readonly FakeConsolePort port = new();

    public NextActionPanelTests() => Services.AddSingleton<IConsolePort>(port);

    private IRenderedComponent<NextActionPanel> RenderPanel(ChatDetail detail, Action<NextAction>? changed = null) =>
        Render<NextActionPanel>(ps => ps
            .Add(p => p.Detail, detail)
            .Add(p => p.AgentId, port.Agent.Id)
            .Add(p => p.AgentName, port.Agent.Name)
            .Add(p => p.Now, Sample.Now)
            .Add(p => p.OnChanged, a => changed?.Invoke(a)));

    [Fact]
    public void An_agent_sets_a_promise_for_a_colleague_due_at_a_time_in_the_sites_zone()
    {
        port.Colleagues.Add(new Colleague("agent-2", "Sam Second", null, Presence.Online, 0, 3));
        NextAction? changed = null;
        var cut = RenderPanel(Sample.Detail("c1") with { SiteTimeZone = "Europe/Vienna" }, a => changed = a);

        cut.Find("[data-testid=next-action-add]").Click();
        cut.Find("[data-testid=next-action-what]").Change("email you the tracking number");
        cut.Find("[data-testid=next-action-owner]").Change("agent-2");
        cut.Find("[data-testid=next-action-due]").Change("2025-03-14T15:00");
        cut.Find("[data-testid=next-action-form]").Submit();

        var (conversationId, draft) = Assert.Single(port.NextActionsSet);
        Assert.Equal("c1", conversationId);
        Assert.Equal("agent-2", draft.OwnerId);
        // 15:00 in Vienna in March is 14:00 UTC.
        Assert.Equal(new DateTimeOffset(2025, 3, 14, 14, 0, 0, TimeSpan.Zero), draft.DueAt);
        Assert.Equal("Sam Second", changed!.OwnerName);
        Assert.Empty(cut.FindAll("[data-testid=next-action-form]"));
    }

    [Fact]
    public void A_refusal_is_shown_and_the_form_stays()
    {
        var cut = RenderPanel(Sample.Detail("c1"));

        cut.Find("[data-testid=next-action-add]").Click();
        cut.Find("[data-testid=next-action-form]").Submit();

        Assert.Equal("Say what will be done, in 1 to 200 characters.", cut.Find("[data-testid=next-action-error]").TextContent);
        Assert.NotNull(cut.Find("[data-testid=next-action-form]"));
    }

    [Fact]
    public void Keeping_a_promise_asks_what_was_done()
    {
        var open = new NextAction("na-1", "c1", "call you back", port.Agent.Id, port.Agent.Name, Sample.Now.AddHours(1));
        var detail = Sample.Detail("c1") with { NextActions = [open] };
        port.Details["c1"] = detail;
        NextAction? changed = null;
        var cut = RenderPanel(detail, a => changed = a);

        Assert.Equal("Alice Agent will call you back", cut.Find(".next-action-what").TextContent);
        cut.Find("[data-testid=next-action-done]").Click();
        cut.Find("[data-testid=next-action-keep]").Click();
        Assert.Equal("Say what was done, in 1 to 500 characters; the customer reads it.", cut.Find("[data-testid=next-action-error]").TextContent);

        cut.Find("[data-testid=next-action-outcome]").Change("Called, refund on its way");
        cut.Find("[data-testid=next-action-keep]").Click();

        Assert.Equal(("na-1", "Called, refund on its way"), Assert.Single(port.NextActionsClosed));
        Assert.False(changed!.IsOpen);
    }

    [Fact]
    public void A_kept_promise_shows_what_was_done()
    {
        var kept = new NextAction("na-1", "c1", "call you back", port.Agent.Id, port.Agent.Name, Sample.Now) { DoneAt = Sample.Now, Outcome = "Called at noon" };
        var cut = RenderPanel(Sample.Detail("c1") with { NextActions = [kept] });

        Assert.Equal("Kept: Called at noon", cut.Find("[data-testid=next-action-outcome-text]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=next-action-done]"));
    }
}
