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

    [Fact]
    public void Shows_the_customers_attributes_as_text()
    {
        var customer = Sample.Customer() with
        {
            Attributes = [new CustomerAttribute("orders", "12"), new CustomerAttribute("plan", "<b>pro</b>")],
        };

        var cut = Render<CustomerPanel>(ps => ps.Add(p => p.Customer, customer));

        Assert.Equal(["orders", "plan"], cut.FindAll("[data-testid=customer-attribute-name]").Select(e => e.TextContent));
        Assert.Equal(["12", "<b>pro</b>"], cut.FindAll("[data-testid=customer-attribute-value]").Select(e => e.TextContent));
        Assert.Empty(cut.FindAll("[data-testid=customer-panel] b"));
    }

    [Fact]
    public void Shows_the_page_the_browser_and_the_visitors_local_time()
    {
        var customer = Sample.Customer() with
        {
            Page = new VisitorPage("https://shop.test/mugs/sunrise?size=l", "Sunrise mug", "Asia/Tokyo",
                "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", Sample.Now),
        };

        var cut = Render<CustomerPanel>(ps => ps.Add(p => p.Customer, customer).Add(p => p.Now, Sample.Now));

        var link = cut.Find("[data-testid=customer-page] a");
        Assert.Equal("Sunrise mug", link.TextContent);
        Assert.Equal("https://shop.test/mugs/sunrise?size=l", link.GetAttribute("href"));
        Assert.Equal("noopener noreferrer nofollow", link.GetAttribute("rel"));
        Assert.Equal("https://shop.test/mugs/sunrise?size=l", cut.Find("[data-testid=customer-page-url]").TextContent);
        Assert.Equal("Firefox 128 on Linux", cut.Find("[data-testid=customer-browser]").TextContent);
        Assert.Equal("21:00 (Asia/Tokyo)", cut.Find("[data-testid=customer-local-time]").TextContent.Trim());
    }

    [Fact]
    public void Without_a_reported_page_the_panel_says_so_instead_of_guessing()
    {
        var cut = Render<CustomerPanel>(ps => ps.Add(p => p.Customer, Sample.Customer()));

        Assert.Contains("Not reported yet", cut.Find("[data-testid=customer-page]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Unknown", cut.Find("[data-testid=customer-browser]").TextContent);
        Assert.Contains("Unknown", cut.Find("[data-testid=customer-local-time]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Tags_are_added_and_removed_through_the_server()
    {
        var cut = Render<CustomerPanel>(ps => ps
            .Add(p => p.Customer, Sample.Customer() with { Tags = ["vip"] })
            .Add(p => p.AgentId, port.Agent.Id));
        port.Tags["cust-1"] = ["vip"];

        cut.Find("[data-testid=tag-input]").Input("wholesale");
        cut.Find("form.tag-form").Submit();
        Assert.Equal(["vip", "wholesale"], cut.FindAll("[data-testid=tag-text]").Select(t => t.TextContent));
        Assert.Equal("", cut.Find("[data-testid=tag-input]").GetAttribute("value"));

        cut.Find("[aria-label='Remove tag vip']").Click();

        Assert.Equal(["wholesale"], cut.FindAll("[data-testid=tag-text]").Select(t => t.TextContent));
        Assert.Equal(["wholesale"], port.Tags["cust-1"]);
    }
}
