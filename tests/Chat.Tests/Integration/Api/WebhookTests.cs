using System.Net.Http.Json;
using Chat.AgentConsole.Api;
using Chat.AgentConsole.Port;
using Chat.Server.Webhooks;
using Chat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Tests.Integration.Api;

/// <summary>
/// Webhooks delivered to a real receiver on 127.0.0.1: signed, retried with backoff until
/// acknowledged, in order per conversation, given up and disabled after a day, and never sent to
/// a private address unless an admin allowed it.
/// </summary>
public sealed class WebhookTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private ChatServer _server = null!;
    private WebhookReceiver _receiver = null!;
    private MailCatcher _mail = null!;

    public async Task InitializeAsync()
    {
        _mail = await MailCatcher.StartAsync();
        _server = await ChatServer.StartAsync(s => s.AddSingleton<TimeProvider>(_time), _mail.ServerArgs("--Chat:Webhooks:TimeoutSeconds=1"));
        _receiver = await WebhookReceiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _receiver.DisposeAsync();
        await _mail.DisposeAsync();
    }

    private async Task<CreatedWebhook> AddWebhookAsync(params string[] events)
    {
        var (adminId, siteId) = await _server.AdminAndSiteAsync();
        return await _server.ApiAdmin().CreateWebhookAsync(adminId, siteId, new WebhookDraft(_receiver.Url, events, AllowPrivate: true), CancellationToken.None);
    }

    [Fact]
    public async Task A_delivery_carries_an_id_a_time_and_a_signature_the_receiver_can_verify()
    {
        var webhook = await AddWebhookAsync(WebhookEvents.ConversationCreated, WebhookEvents.MessageCreated);
        await using var agent = await _server.OpenConsoleAsync();
        var (widget, conversationId) = await _server.StartChatAsync(agent, text: "Where is my parcel?");
        await using var _ = widget;

        var created = await _receiver.NextAcceptedAsync(h => h.EventType == WebhookEvents.ConversationCreated);
        var message = await _receiver.NextAcceptedAsync(h => h.EventType == WebhookEvents.MessageCreated);

        Assert.True(WebhookSignature.Verify(webhook.Secret, message.Signature, message.Body, _time.GetUtcNow(), TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(webhook.Secret, message.Signature, message.Body.Replace("parcel", "PARCEL", StringComparison.Ordinal), _time.GetUtcNow(), TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("whsec_wrong", message.Signature, message.Body, _time.GetUtcNow(), TimeSpan.FromMinutes(5)));
        Assert.Equal(conversationId, created.Json.GetProperty("data").GetProperty("id").GetString());
        Assert.Equal(message.EventId, message.Json.GetProperty("id").GetString());
        Assert.Equal(Start, message.Json.GetProperty("createdAt").GetDateTimeOffset());
        Assert.Equal("Where is my parcel?", message.Json.GetProperty("data").GetProperty("message").GetProperty("text").GetString());
    }

    [Fact]
    public async Task Assignments_resolutions_ratings_and_customer_changes_are_sent_as_they_happen()
    {
        await AddWebhookAsync(WebhookEvents.ConversationAssigned, WebhookEvents.ConversationResolved, WebhookEvents.ConversationRated, WebhookEvents.CustomerUpdated);
        using var api = _server.ApiClient(await _server.CreateApiKeyAsync(["read", "write"]));
        await using var agent = await _server.OpenConsoleAsync();
        var (widget, conversationId) = await _server.StartChatAsync(agent);
        await using var _ = widget;
        var customerId = await _server.ScalarAsync<string>("SELECT customer_id FROM conversations WHERE id = @conversationId", new { conversationId });

        var assigned = await _receiver.NextAcceptedAsync(h => h.EventType == WebhookEvents.ConversationAssigned);
        await (await api.PostAsJsonAsync($"conversations/{conversationId}/resolve", new { })).JsonAsync();
        var resolved = await _receiver.NextAcceptedAsync(h => h.EventType == WebhookEvents.ConversationResolved);
        await widget.InvokeAsync("Rate", new { conversationId, rating = 5, comment = "Quick and kind" });
        var rated = await _receiver.NextAcceptedAsync(h => h.EventType == WebhookEvents.ConversationRated);
        await (await api.PatchAsJsonAsync($"customers/{customerId}", new { email = "ana@shop.example" })).JsonAsync();
        var customer = await _receiver.NextAcceptedAsync(h => h.EventType == WebhookEvents.CustomerUpdated);

        Assert.Equal(agent.Agent.Id, assigned.Json.GetProperty("data").GetProperty("agentId").GetString());
        Assert.Equal("resolved", resolved.Json.GetProperty("data").GetProperty("status").GetString());
        Assert.Equal(5, rated.Json.GetProperty("data").GetProperty("rating").GetInt32());
        Assert.Equal("ana@shop.example", customer.Json.GetProperty("data").GetProperty("email").GetString());
    }

    [Fact]
    public async Task After_500s_and_a_timeout_each_event_is_acknowledged_once_and_never_sent_again()
    {
        await AddWebhookAsync(WebhookEvents.MessageCreated);
        // The first attempt fails with 500, the second too, the third times out (the sender waits 1 s), the fourth succeeds.
        _receiver.Answer = (attempt, _) => attempt switch
        {
            1 or 2 => (500, TimeSpan.Zero),
            3 => (503, TimeSpan.FromSeconds(3)),
            _ => (200, TimeSpan.Zero),
        };
        await using var agent = await _server.OpenConsoleAsync();
        var (widget, _) = await _server.StartChatAsync(agent);
        await using var __ = widget;

        var accepted = await _time.AdvanceUntilAsync(_receiver.NextAcceptedAsync(timeout: TimeSpan.FromSeconds(40)), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(40));
        // The timed-out attempt is logged by the receiver when its slow answer ends; hours later nothing more came.
        await WaitUntilAsync(() => Task.FromResult(_receiver.All.Count >= 4));
        _time.Advance(TimeSpan.FromHours(2));
        await Task.Delay(TimeSpan.FromMilliseconds(1500));

        var attempts = _receiver.All.Where(h => h.EventId == accepted.EventId).ToList();
        Assert.Equal(4, attempts.Count);
        Assert.Single(attempts, h => h.Answered == 200);
        var (adminId, siteId) = await _server.AdminAndSiteAsync();
        var port = _server.ApiAdmin();
        var log = await port.GetDeliveriesAsync(adminId, siteId, (await port.GetWebhooksAsync(adminId, siteId, CancellationToken.None))[0].Id, CancellationToken.None);
        var entry = Assert.Single(log);
        Assert.Equal(("delivered", 4, 200), (entry.Status, entry.Attempts, entry.LastResponseCode));
    }

    [Fact]
    public async Task A_conversations_events_arrive_in_order_even_when_the_first_is_retried()
    {
        await AddWebhookAsync(WebhookEvents.MessageCreated);
        var failFirst = 3;
        _receiver.Answer = (_, hit) => hit.Json.GetProperty("data").GetProperty("message").GetProperty("seq").GetInt64() == 1 && Interlocked.Decrement(ref failFirst) >= 0
            ? (500, TimeSpan.Zero)
            : (200, TimeSpan.Zero);
        await using var agent = await _server.OpenConsoleAsync();
        var (widget, conversationId) = await _server.StartChatAsync(agent);
        await using var _ = widget;
        for (var i = 2; i <= 4; i++)
        {
            await agent.SendAsync(conversationId, $"Reply {i}", $"a-{i}");
        }

        await _time.AdvanceUntilAsync(_receiver.NextAcceptedAsync(h => h.EventId.EndsWith("_4", StringComparison.Ordinal), TimeSpan.FromSeconds(30)), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(30));

        var order = _receiver.All.Where(h => h.Answered == 200).Select(h => h.Json.GetProperty("data").GetProperty("message").GetProperty("seq").GetInt64());
        Assert.Equal([1L, 2L, 3L, 4L], order);
        // While seq 1 was being retried, nothing later was sent.
        Assert.All(_receiver.All.Where(h => h.Answered == 500), h => Assert.EndsWith("_1", h.EventId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_endpoint_failing_for_a_day_is_given_up_disabled_and_its_admins_see_it()
    {
        await AddWebhookAsync(WebhookEvents.MessageCreated);
        _receiver.Answer = (_, _) => (500, TimeSpan.Zero);
        await using var agent = await _server.OpenConsoleAsync();
        var (widget, _) = await _server.StartChatAsync(agent);
        await using var __ = widget;
        var (adminId, siteId) = await _server.AdminAndSiteAsync();
        var port = _server.ApiAdmin();

        var disabled = WaitUntilAsync(async () => (await port.GetWebhooksAsync(adminId, siteId, CancellationToken.None))[0].DisabledAt is not null);
        await _time.AdvanceUntilAsync(disabled, TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(60));

        var webhook = (await port.GetWebhooksAsync(adminId, siteId, CancellationToken.None))[0];
        Assert.Equal("failed", Assert.Single(await port.GetDeliveriesAsync(adminId, siteId, webhook.Id, CancellationToken.None)).Status);
        var audit = await _server.AdminPort().GetAuditLogAsync(adminId, new AuditFilter(Action: AuditActions.WebhookDisabled), CancellationToken.None);
        Assert.Contains(_receiver.Url, Assert.Single(audit.Entries).Detail, StringComparison.Ordinal);
        Assert.InRange(_receiver.All.Count, 5, 60);

        // The site's admin is told by email, once, with where to turn it on again.
        var notice = await _time.AdvanceUntilAsync(_mail.WaitForOneAsync(m => (m.Subject ?? "").Contains("a webhook was turned off", StringComparison.Ordinal), TimeSpan.FromSeconds(30)), TimeSpan.FromSeconds(1));
        Assert.Equal(ChatServer.AdminEmail, notice.To.Mailboxes.Single().Address);
        Assert.Contains(_receiver.Url, notice.TextBody ?? "", StringComparison.Ordinal);
        Assert.Contains("/console/admin/webhooks", notice.TextBody ?? "", StringComparison.Ordinal);
        Assert.Equal(1L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM email_outbox WHERE kind = 'admin_notice'"));
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://localhost/hook")]
    [InlineData("http://10.1.2.3/hook")]
    [InlineData("http://192.168.0.10/hook")]
    [InlineData("http://172.20.0.1/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://[fd00::1]/hook")]
    [InlineData("http://[::ffff:127.0.0.1]/hook")]
    [InlineData("http://100.64.0.1/hook")]
    public async Task A_private_address_is_refused_unless_allowed_and_nothing_is_stored(string url)
    {
        var (adminId, siteId) = await _server.AdminAndSiteAsync();

        var refused = await Assert.ThrowsAsync<ConsoleActionException>(() =>
            _server.ApiAdmin().CreateWebhookAsync(adminId, siteId, new WebhookDraft(url, [WebhookEvents.MessageCreated], AllowPrivate: false), CancellationToken.None));

        Assert.Equal("webhook_url_private", refused.Code);
        Assert.Equal(0L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM webhook_endpoints"));
    }

    [Theory]
    [InlineData("ftp://example.com/hook", "webhook_url_invalid")]
    [InlineData("https://user:pass@example.com/hook", "webhook_url_invalid")]
    [InlineData("javascript:alert(1)", "webhook_url_invalid")]
    [InlineData("not a url", "webhook_url_invalid")]
    public async Task A_bad_url_is_refused(string url, string code)
    {
        var (adminId, siteId) = await _server.AdminAndSiteAsync();

        var refused = await Assert.ThrowsAsync<ConsoleActionException>(() =>
            _server.ApiAdmin().CreateWebhookAsync(adminId, siteId, new WebhookDraft(url, [WebhookEvents.MessageCreated], AllowPrivate: false), CancellationToken.None));

        Assert.Equal(code, refused.Code);
    }

    [Fact]
    public async Task The_address_is_checked_again_when_connecting()
    {
        // Saved while allowed, then the receiver's address (loopback) is refused at connect time by the guarded client.
        await AddWebhookAsync(WebhookEvents.MessageCreated);
        await _server.ScalarAsync<long>("UPDATE webhook_endpoints SET allow_private = 0");
        await using var agent = await _server.OpenConsoleAsync();
        var (widget, _) = await _server.StartChatAsync(agent);
        await using var __ = widget;
        var (adminId, siteId) = await _server.AdminAndSiteAsync();
        var port = _server.ApiAdmin();
        var webhookId = (await port.GetWebhooksAsync(adminId, siteId, CancellationToken.None))[0].Id;

        await WaitUntilAsync(async () => (await port.GetDeliveriesAsync(adminId, siteId, webhookId, CancellationToken.None)).Any(d => d.Attempts > 0 && d.LastError is not null));

        var entry = Assert.Single(await port.GetDeliveriesAsync(adminId, siteId, webhookId, CancellationToken.None));
        Assert.Contains("private", entry.LastError, StringComparison.Ordinal);
        Assert.Empty(_receiver.All);
    }

    private static async Task<bool> WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!await condition())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
        }

        return true;
    }
}
