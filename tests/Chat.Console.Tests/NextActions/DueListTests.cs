using Chat.AgentConsole.NextActions;
using Chat.AgentConsole.Tests.Fakes;

namespace Chat.AgentConsole.Tests.NextActions;

public sealed class DueListTests : BunitContext
{
    private static readonly DateTimeOffset Now = Sample.Now;

    private static NextAction Action(string id, DateTimeOffset due, string what = "call you back", string customer = "Carol") =>
        new(id, $"c-{id}", what, "agent-1", "Alice Agent", due) { CustomerName = customer, TimeZone = "Europe/Vienna" };

    [Fact]
    public void Each_promise_says_whether_it_is_overdue_due_soon_or_later_in_the_sites_time()
    {
        var cut = Render<DueList>(ps => ps
            .Add(p => p.Items, [Action("late", Now.AddMinutes(-20)), Action("soon", Now.AddMinutes(30), "email you the invoice"), Action("later", Now.AddDays(1))])
            .Add(p => p.Now, Now));

        Assert.Equal(["overdue", "soon", "later"], cut.FindAll("[data-testid=due-row]").Select(r => r.GetAttribute("data-state")));
        // 12:00 UTC is 13:00 in Vienna in March.
        Assert.Equal(["Overdue · today 12:40", "Due soon · today 13:30", "Due · tomorrow 13:00"], cut.FindAll("[data-testid=due-label]").Select(e => e.TextContent));
        Assert.Equal("Alice Agent will email you the invoice", cut.FindAll("[data-testid=due-what]")[1].TextContent);
    }

    [Fact]
    public void No_promises_says_so_and_a_click_opens_the_chat()
    {
        var empty = Render<DueList>(ps => ps.Add(p => p.Items, []).Add(p => p.Now, Now));
        Assert.Equal("No promises waiting.", empty.Find("[data-testid=due-empty]").TextContent);

        string? opened = null;
        var cut = Render<DueList>(ps => ps.Add(p => p.Items, [Action("a", Now.AddHours(3))]).Add(p => p.Now, Now).Add(p => p.OnSelect, id => opened = id));
        cut.Find("[data-testid=due-row] button").Click();
        Assert.Equal("c-a", opened);
    }
}
