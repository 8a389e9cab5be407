using Chat.AgentConsole.Customers;
using Chat.AgentConsole.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.AgentConsole.Tests.Customers;

/// <summary>An admin's export and erasure of a customer, from the customer panel.</summary>
public sealed class CustomerDataActionsTests : BunitContext
{
    private readonly FakeAdminPort admin = new();

    public CustomerDataActionsTests()
    {
        Services.AddSingleton<IConsolePort>(new FakeConsolePort());
        Services.AddSingleton<IAdminPort>(admin);
        JSInterop.SetupVoid("chatConsole.download", _ => true).SetVoidResult();
    }

    [Fact]
    public void Agents_who_are_not_admins_see_no_export_or_erase()
    {
        var cut = Render<CustomerPanel>(ps => ps.Add(p => p.Customer, Sample.Customer()).Add(p => p.AgentId, "agent-2"));
        Assert.Empty(cut.FindAll("[data-testid=customer-data]"));
    }

    [Fact]
    public void An_admin_downloads_the_customers_data_as_json_and_as_a_transcript()
    {
        var customer = Sample.Customer();
        var cut = Render<CustomerPanel>(ps => ps.Add(p => p.Customer, customer).Add(p => p.AgentId, "agent-1").Add(p => p.IsAdmin, true));

        cut.Find("[data-testid=export-json]").Click();
        cut.Find("[data-testid=export-transcript]").Click();

        var downloads = JSInterop.VerifyInvoke("chatConsole.download", calledTimes: 2);
        Assert.Equal([$"customer-{customer.Id}.json", $"{{\"id\":\"{customer.Id}\"}}", "application/json"], downloads[0].Arguments);
        Assert.Equal([$"customer-{customer.Id}.txt", $"Conversations of {customer.Id}", "text/plain"], downloads[1].Arguments);
        Assert.Equal([customer.Id, customer.Id], admin.Exported);
        Assert.Contains("audit log", cut.Find("[data-testid=customer-data-status]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Erasing_asks_first_and_cancel_erases_nothing()
    {
        var customer = Sample.Customer("Carol Customer");
        var erased = 0;
        var cut = Render<CustomerPanel>(ps => ps
            .Add(p => p.Customer, customer).Add(p => p.AgentId, "agent-1").Add(p => p.IsAdmin, true)
            .Add(p => p.OnErased, () => erased++));

        cut.Find("[data-testid=erase-customer]").Click();
        Assert.Contains("Carol Customer", cut.Find("[data-testid=erase-confirm]").TextContent, StringComparison.Ordinal);
        cut.Find("[data-testid=erase-cancel]").Click();
        Assert.Empty(cut.FindAll("[data-testid=erase-confirm]"));
        Assert.Empty(admin.Erased);

        cut.Find("[data-testid=erase-customer]").Click();
        cut.Find("[data-testid=erase-confirm-button]").Click();
        Assert.Equal([customer.Id], admin.Erased);
        Assert.Equal(1, erased);
        Assert.Empty(cut.FindAll("[data-testid=erase-confirm]"));
        Assert.Contains("Erased", cut.Find("[data-testid=customer-data-status]").TextContent, StringComparison.Ordinal);
    }
}
