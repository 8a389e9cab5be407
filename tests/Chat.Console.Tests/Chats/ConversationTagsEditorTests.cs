using Chat.AgentConsole.Chats;
using Chat.AgentConsole.NextActions;
using Chat.AgentConsole.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.AgentConsole.Tests.Chats;

public sealed class ConversationTagsEditorTests : BunitContext
{
    private readonly FakeConsolePort port = new();

    public ConversationTagsEditorTests() => Services.AddSingleton<IConsolePort>(port);

    [Fact]
    public void An_agent_tags_the_chat_and_removes_a_tag()
    {
        port.ConversationTags["c1"] = ["shipping"];
        var cut = Render<ConversationTagsEditor>(ps => ps.Add(p => p.AgentId, port.Agent.Id).Add(p => p.ConversationId, "c1").Add(p => p.Tags, ["shipping"]));

        cut.Find("[data-testid=conversation-tag-input]").Input("complaint");
        cut.Find("[data-testid=add-conversation-tag]").Click();
        cut.WaitForAssertion(() => Assert.Equal(["shipping", "complaint"], cut.FindAll("[data-testid=conversation-tag-text]").Select(e => e.TextContent)));

        cut.Find("[data-testid=remove-conversation-tag]").Click();
        cut.WaitForAssertion(() => Assert.Equal(["complaint"], cut.FindAll("[data-testid=conversation-tag-text]").Select(e => e.TextContent)));
    }

    [Fact]
    public void A_complaint_is_labelled_as_such_in_the_due_list()
    {
        var complaint = new NextAction("na-1", "c1", "follow up on your feedback", port.Agent.Id, port.Agent.Name, Sample.Now.AddHours(20)) { IsComplaint = true, CustomerName = "Carol" };
        var cut = Render<DueList>(ps => ps.Add(p => p.Items, [complaint]).Add(p => p.Now, Sample.Now));

        Assert.Equal("Complaint · Due · tomorrow 08:00", cut.Find("[data-testid=due-label]").TextContent);
        Assert.Contains("due-complaint", cut.Find("[data-testid=due-row]").ClassName);
    }
}
