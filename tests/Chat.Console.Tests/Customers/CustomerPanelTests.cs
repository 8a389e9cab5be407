using Chat.AgentConsole.Customers;
using Chat.AgentConsole.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.AgentConsole.Tests.Customers;

public sealed class CustomerPanelTests : BunitContext
{
    private readonly FakeConsolePort port = new();

    public CustomerPanelTests()
    {
        Services.AddSingleton<IConsolePort>(port);
    }

    [Fact]
    public void Shows_who_the_customer_is_and_their_earlier_conversations()
    {
        var past = new PastConversation("old-1", Sample.Now.AddDays(-7), "resolved", 4, [Sample.Visitor("old-1", 1, "My size was wrong")]);

        var cut = Render<CustomerPanel>(ps => ps
            .Add(p => p.Customer, Sample.Customer("Carol Customer"))
            .Add(p => p.PastConversations, [past]));

        var panel = cut.Find("[data-testid=customer-panel]");
        Assert.Contains("Carol Customer", panel.TextContent, StringComparison.Ordinal);
        Assert.Equal("carol@example.test", cut.Find("[data-testid=customer-email]").TextContent);
        Assert.Equal("3", cut.Find("[data-testid=customer-chat-count]").TextContent);

        var conversation = Assert.Single(cut.FindAll("[data-testid=past-conversation]"));
        Assert.Equal("DETAILS", conversation.TagName);
        Assert.Contains("rated 4/5", conversation.TextContent, StringComparison.Ordinal);
        Assert.Equal("My size was wrong", conversation.QuerySelector("[data-testid=message-text]")!.TextContent);
    }
}
