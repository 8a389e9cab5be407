using System.Security.Claims;
using Chat.AgentConsole.Api;
using Chat.AgentConsole.Tests.Fakes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.AgentConsole.Tests.Api;

public sealed class ApiPagesTests : BunitContext
{
    private readonly FakeApiAdminPort api = new();

    public ApiPagesTests()
    {
        Services.AddSingleton<IAdminPort>(new FakeAdminPort());
        Services.AddSingleton<IConsolePort>(new FakeConsolePort());
        Services.AddSingleton<IApiAdminPort>(api);
        var auth = AddAuthorization();
        auth.SetAuthorized("Alice Agent");
        auth.SetRoles("admin");
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, "agent-1"));
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Theory]
    [InlineData(typeof(ApiKeysPage))]
    [InlineData(typeof(WebhooksPage))]
    [InlineData(typeof(AttributesPage))]
    public void Every_api_page_is_for_admins_only(Type page)
    {
        var authorize = Assert.Single(page.GetCustomAttributes(typeof(AuthorizeAttribute), inherit: true).Cast<AuthorizeAttribute>());
        Assert.Equal(ConsoleAuth.AdminRole, authorize.Roles);
    }

    [Fact]
    public void A_new_key_is_shown_once_and_a_revoked_one_says_so()
    {
        var cut = Render<ApiKeysPage>();

        cut.Find("[data-testid=api-key-name]").Change("CRM");
        cut.Find("[data-testid=api-key-write]").Change(true);
        cut.Find("[data-testid=api-key-form]").Submit();

        Assert.Equal("chat_key-1_secret", cut.Find("[data-testid=new-api-key-value]").TextContent);
        Assert.Equal(["read", "write"], api.Keys.Single().Scopes);
        Assert.Equal("never", cut.Find("[data-testid=api-key-last-used]").TextContent);

        cut.Find("[data-testid=api-key-revoke]").Click();

        Assert.Empty(cut.FindAll("[data-testid=new-api-key]"));
        Assert.Equal("true", cut.Find("[data-testid=api-key-row]").GetAttribute("data-revoked"));
    }

    [Fact]
    public void A_refused_webhook_shows_the_servers_reason_and_a_delivery_can_be_retried()
    {
        api.Deliveries.Add(new WebhookDeliveryView("d-1", "evt_1", "message.created", "failed", 9, Sample.Now, Sample.Now, 500, "Answered 500", null));
        var cut = Render<WebhooksPage>();

        cut.Find("[data-testid=webhook-url]").Change("http://127.0.0.1/hook");
        cut.FindAll("[data-testid=webhook-event]")[1].Change(true);
        cut.Find("[data-testid=webhook-form]").Submit();
        Assert.Equal("This address is in a private range.", cut.Find("[data-testid=admin-error]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=webhook-row]"));

        cut.Find("[data-testid=webhook-allow-private]").Change(true);
        cut.Find("[data-testid=webhook-form]").Submit();
        Assert.Equal("whsec_test", cut.Find("[data-testid=new-webhook-secret-value]").TextContent);
        Assert.Equal(["message.created"], api.Webhooks.Single().Events);

        cut.Find("[data-testid=webhook-log]").Click();
        Assert.Equal("failed", cut.Find("[data-testid=delivery]").GetAttribute("data-status"));
        cut.Find("[data-testid=delivery-retry]").Click();
        Assert.Equal(["d-1"], api.Retried);
    }
}
