using System.Security.Claims;
using Chat.AgentConsole.Email;
using Chat.AgentConsole.Tests.Fakes;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.AgentConsole.Tests.Email;

public sealed class EmailPanelTests : BunitContext
{
    private readonly FakeEmailPort email = new();

    public EmailPanelTests() => Services.AddSingleton<IEmailPort>(email);

    private IRenderedComponent<EmailPanel> Render(ChatDetail detail, Action? moved = null) =>
        Render<EmailPanel>(p => p
            .Add(x => x.Detail, detail)
            .Add(x => x.AgentId, "agent-1")
            .Add(x => x.Now, Sample.Now)
            .Add(x => x.OnMoved, EventCallback.Factory.Create(this, moved ?? (() => { }))));

    [Fact]
    public void The_transcript_goes_to_the_visitors_address_and_a_second_click_says_it_was_sent()
    {
        var panel = Render(Sample.Detail("c1"));

        panel.Find("[data-testid=email-transcript]").Click();
        Assert.Equal("The transcript is on its way to carol@example.test.", panel.Find("[data-testid=email-status]").TextContent);
        panel.Find("[data-testid=email-transcript]").Click();
        Assert.Equal("This transcript was sent already.", panel.Find("[data-testid=email-status]").TextContent);
        Assert.Equal(["c1", "c1"], email.Transcripts);
    }

    [Fact]
    public void Moving_to_email_sends_what_and_when_and_the_page_reads_the_chat_again()
    {
        var moved = 0;
        var panel = Render(Sample.Detail("c1"), () => moved++);

        panel.Find("[data-testid=move-email]").Click();
        panel.Find("[data-testid=move-email-what]").Change("email you the tracking number");
        panel.Find("[data-testid=move-email-due]").Change("2030-01-07T15:00");
        panel.Find("[data-testid=move-email-form]").Submit();

        var move = Assert.Single(email.Moves);
        Assert.Equal(("c1", "email you the tracking number", new DateTimeOffset(2030, 1, 7, 15, 0, 0, TimeSpan.Zero)), (move.ConversationId, move.What, move.Due));
        Assert.Equal(1, moved);
        Assert.Empty(panel.FindAll("[data-testid=move-email-form]"));
    }

    [Fact]
    public void A_refusal_is_shown_with_the_servers_reason_and_the_form_stays()
    {
        email.Refuse = ("action_due_invalid", "The due time must be in the future.");
        var panel = Render(Sample.Detail("c1"));
        panel.Find("[data-testid=move-email]").Click();
        panel.Find("[data-testid=move-email-form]").Submit();

        Assert.Equal("The due time must be in the future.", panel.Find("[data-testid=email-error]").TextContent);
        Assert.NotEmpty(panel.FindAll("[data-testid=move-email-form]"));
    }

    [Fact]
    public void Without_an_address_there_is_nothing_to_press()
    {
        var detail = Sample.Detail("c1") with { Customer = Sample.Customer() with { Email = null } };
        var panel = Render(detail);

        Assert.NotNull(panel.Find("[data-testid=email-none]"));
        Assert.Empty(panel.FindAll("button"));
    }
}

public sealed class FailedEmailsPageTests : BunitContext
{
    private readonly FakeEmailPort email = new();

    public FailedEmailsPageTests()
    {
        Services.AddSingleton<IEmailPort>(email);
        Services.AddSingleton<IAdminPort>(new FakeAdminPort());
        var auth = AddAuthorization();
        auth.SetAuthorized("Alice Agent");
        auth.SetRoles("admin");
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, "agent-1"));
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public void Failed_mail_is_listed_with_its_reason_and_resend_takes_it_off_the_list()
    {
        email.Failed.Add(new FailedEmail("e1", "Shoe Shop", "answer", "dana@example.test", "Alex from Shoe Shop answered your message", Sample.Now, 8, "Connection refused"));
        var page = Render<FailedEmailsPage>();

        Assert.Equal("Connection refused", page.Find("[data-testid=failed-email-reason]").TextContent);
        Assert.Contains("Answer to a left message", page.Find("[data-testid=failed-email]").TextContent);
        page.Find("[data-testid=failed-email-resend]").Click();

        Assert.Equal(["e1"], email.Resent);
        Assert.NotNull(page.Find("[data-testid=failed-email-empty]"));
        Assert.Contains("dana@example.test", page.Markup);
    }

    [Fact]
    public void A_sites_sender_name_and_delay_are_saved_and_a_refusal_is_shown_with_the_input_kept()
    {
        var page = Render<FailedEmailsPage>();
        page.Find("[data-testid=email-from-name]").Change("Shoe Shop Support");
        page.Find("[data-testid=email-missed-minutes]").Change("10");
        page.Find("[data-testid=email-settings]").Submit();
        Assert.Equal(new SiteEmailSettings("site-1", "Shoe Shop", "Shoe Shop Support", 10), Assert.Single(email.Settings));

        email.Refuse = ("missed_reply_minutes_invalid", "A missed reply waits between 1 minute and 24 hours before it goes by email.");
        page.Find("[data-testid=email-missed-minutes]").Change("0");
        page.Find("[data-testid=email-settings]").Submit();
        Assert.Contains("between 1 minute and 24 hours", page.Markup);
        Assert.Equal("0", page.Find("[data-testid=email-missed-minutes]").GetAttribute("value"));
    }

    [Fact]
    public void The_page_is_for_admins_only()
    {
        var authorize = Assert.Single(typeof(FailedEmailsPage).GetCustomAttributes(typeof(Microsoft.AspNetCore.Authorization.AuthorizeAttribute), inherit: true).Cast<Microsoft.AspNetCore.Authorization.AuthorizeAttribute>());
        Assert.Equal(ConsoleAuth.AdminRole, authorize.Roles);
    }
}
