using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Tests.Integration;

/// <summary>Nobody online or out of hours: the visitor leaves a message that agents find waiting for a follow-up.</summary>
public sealed class FollowUpTests : IAsyncLifetime
{
    private ChatServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Availability_follows_the_agents_presence()
    {
        Assert.False((await AvailabilityAsync()).GetProperty("online").GetBoolean());

        await using var agent = await _server.OpenConsoleAsync();

        var online = await AvailabilityAsync();
        Assert.True(online.GetProperty("online").GetBoolean());
        Assert.True(online.GetProperty("openNow").GetBoolean());
    }

    [Fact]
    public async Task A_left_message_is_stored_as_a_follow_up_the_console_lists_and_opens()
    {
        var response = await _server.Http.PostAsJsonAsync("api/offline-messages", new
        {
            siteKey = ChatServer.SiteKey,
            name = "Ana Lima",
            email = "ana@example.com",
            clientId = "off-1",
            text = "Do you ship to Austria?",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var left = await response.Content.ReadFromJsonAsync<JsonElement>();
        var conversationId = left.GetProperty("conversationId").GetString()!;

        // A retry of the same message stores nothing new.
        var retry = await _server.Http.PostAsJsonAsync("api/offline-messages", new
        {
            siteKey = ChatServer.SiteKey,
            token = left.GetProperty("token").GetString(),
            clientId = "off-1",
            text = "Do you ship to Austria?",
        });
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(1L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM messages"));

        await using var agent = await _server.OpenConsoleAsync();
        var queued = Assert.Single(await agent.Port.GetQueueAsync(agent.Agent.Id, CancellationToken.None));
        Assert.Equal(conversationId, queued.ConversationId);
        Assert.Equal("Ana Lima", queued.CustomerName);
        var detail = await agent.Port.OpenChatAsync(agent.Agent.Id, conversationId, CancellationToken.None);
        Assert.Equal("follow_up", detail.Status);
        Assert.Equal("ana@example.com", detail.Customer.Email);
        Assert.Equal("Do you ship to Austria?", Assert.Single(detail.Messages).Text);
        // Coming online does not hand the agent a chat whose visitor has gone.
        Assert.Empty(await agent.Port.GetMyChatsAsync(agent.Agent.Id, CancellationToken.None));

        // The visitor, back later, finds the message in the widget.
        await using var widget = await _server.ConnectVisitorAsync(new Visitor(left.GetProperty("token").GetString()!, left.GetProperty("customerId").GetString()!, "Ana Lima"));
        var state = await widget.InvokeAsync("Resume");
        Assert.Equal("follow_up", state.GetProperty("conversation").GetProperty("status").GetString());
        Assert.Equal(["Do you ship to Austria?"], ChatFlowTests.Texts(state.GetProperty("messages")));
    }

    [Fact]
    public async Task An_agent_takes_a_follow_up_answers_it_and_resolving_frees_the_slot()
    {
        var response = await _server.Http.PostAsJsonAsync("api/offline-messages", new
        {
            siteKey = ChatServer.SiteKey,
            name = "Ana Lima",
            email = "ana@example.com",
            clientId = "off-1",
            text = "Do you ship to Austria?",
        });
        var left = await response.Content.ReadFromJsonAsync<JsonElement>();
        var conversationId = left.GetProperty("conversationId").GetString()!;
        var (email, password) = await _server.AddAgentAsync("Sam Small", capacity: 1);
        await using var agent = await _server.OpenConsoleAsync(email, password);

        await agent.Port.TakeAsync(agent.Agent.Id, conversationId, CancellationToken.None);

        Assert.Equal(conversationId, Assert.Single(await agent.Port.GetMyChatsAsync(agent.Agent.Id, CancellationToken.None)).ConversationId);
        Assert.Empty(await agent.Port.GetQueueAsync(agent.Agent.Id, CancellationToken.None));
        await agent.SendAsync(conversationId, "We do, in three days.");

        // The slot is used: a live visitor now waits in line, and gets Sam once the follow-up is resolved.
        await using var live = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync("Live Visitor"));
        Assert.Equal("queued", (await live.InvokeAsync("StartConversation")).GetProperty("status").GetString());
        await agent.Port.ResolveAsync(agent.Agent.Id, conversationId, CancellationToken.None);
        await live.WaitForEventAsync("conversation", c => c.GetProperty("status").GetString() == "open");

        // The visitor, back later, finds the answer.
        await using var widget = await _server.ConnectVisitorAsync(new Visitor(left.GetProperty("token").GetString()!, left.GetProperty("customerId").GetString()!, "Ana Lima"));
        var state = await widget.InvokeAsync("Resume");
        Assert.Equal(["Do you ship to Austria?", "We do, in three days."], ChatFlowTests.Texts(state.GetProperty("messages")));
    }

    [Fact]
    public async Task A_message_without_an_email_or_with_hostile_text_gets_a_clear_answer()
    {
        async Task<(HttpStatusCode, string?)> LeaveAsync(object body)
        {
            var response = await _server.Http.PostAsJsonAsync("api/offline-messages", body);
            return (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("code", out var c) ? c.GetString() : null);
        }

        Assert.Equal((HttpStatusCode.BadRequest, "email_required"), await LeaveAsync(new { siteKey = ChatServer.SiteKey, name = "Ana", clientId = "a", text = "Hi" }));
        Assert.Equal((HttpStatusCode.BadRequest, "message_empty"), await LeaveAsync(new { siteKey = ChatServer.SiteKey, name = "Ana", email = "ana@example.com", clientId = "b", text = " " }));
        Assert.Equal((HttpStatusCode.BadRequest, "message_too_long"), await LeaveAsync(new { siteKey = ChatServer.SiteKey, name = "Ana", email = "ana@example.com", clientId = "c", text = new string('x', 4001) }));
        Assert.Equal((HttpStatusCode.NotFound, "unknown_site"), await LeaveAsync(new { siteKey = "nope", name = "Ana", email = "ana@example.com", clientId = "d", text = "Hi" }));
        Assert.Equal(0L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM customers"));

        const string hostile = "<script>alert(1)</script>'); DROP TABLE messages; --";
        Assert.Equal((HttpStatusCode.OK, null), await LeaveAsync(new { siteKey = ChatServer.SiteKey, name = "<b>Ana</b>", email = "ana@example.com", clientId = "e", text = hostile }));
        Assert.Equal(hostile, await _server.ScalarAsync<string>("SELECT text FROM messages"));
    }

    private async Task<JsonElement> AvailabilityAsync() =>
        await _server.Http.GetFromJsonAsync<JsonElement>($"api/sites/{ChatServer.SiteKey}/availability");
}

/// <summary>Outside business hours the site is closed even with agents online, says when it opens, and opens then.</summary>
public sealed class BusinessHoursTests : IAsyncLifetime
{
    // A Monday morning on the server's (fake) clock; the team works Wednesdays only.
    private static readonly DateTimeOffset Monday = new(2030, 1, 7, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset WednesdayNine = new(2030, 1, 9, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Monday);
    private ChatServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatServer.StartAsync(
        s => s.AddSingleton<TimeProvider>(_time), "--Chat:Demo:BusinessHours=wed 09:00-17:00", "--Chat:Demo:TimeZone=UTC");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Outside_business_hours_the_widget_is_told_when_the_team_is_back()
    {
        await using var agent = await _server.OpenConsoleAsync();
        var availability = await _server.Http.GetFromJsonAsync<JsonElement>($"api/sites/{ChatServer.SiteKey}/availability");

        Assert.False(availability.GetProperty("online").GetBoolean());
        Assert.False(availability.GetProperty("openNow").GetBoolean());
        Assert.Equal(WednesdayNine, availability.GetProperty("nextOpen").GetDateTimeOffset());

        _time.Advance(WednesdayNine - Monday);
        var open = await _server.Http.GetFromJsonAsync<JsonElement>($"api/sites/{ChatServer.SiteKey}/availability");
        Assert.True(open.GetProperty("openNow").GetBoolean());
        Assert.True(open.GetProperty("online").GetBoolean());
    }
}
