using System.Text.Json;
using Chat.AgentConsole.Port;
using Chat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Tests.Integration;

/// <summary>A rating of 1 or 2, or a chat tagged "complaint", opens a follow-up due within the site's deadline.</summary>
public sealed class ComplaintTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2030, 1, 7, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private ChatServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatServer.StartAsync(s => s.AddSingleton<TimeProvider>(_time));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_one_star_rating_opens_a_follow_up_for_the_agent_due_in_24_hours_shown_first_and_to_the_visitor()
    {
        await using var agent = await _server.OpenConsoleAsync();
        var (widget, conversationId) = await ResolvedChatAsync(agent);
        await using var _ = widget;
        // An ordinary promise on another chat, due sooner: the complaint still comes first.
        var (other, otherId) = await ResolvedChatAsync(agent);
        await using var __ = other;
        await agent.Port.SetNextActionAsync(agent.Agent.Id, otherId, new("p-1", "send you the invoice", agent.Agent.Id, Start.AddHours(1)), CancellationToken.None);

        var rated = await widget.InvokeAsync("Rate", new { conversationId, rating = 1, comment = "Nobody answered my question" });

        Assert.Equal(1, rated.GetProperty("rating").GetInt32());
        var due = await agent.Port.GetDueListAsync(agent.Agent.Id, CancellationToken.None);
        Assert.Equal([conversationId, otherId], due.Select(d => d.ConversationId));
        var complaint = due[0];
        Assert.True(complaint.IsComplaint);
        Assert.Equal("Alex Admin", complaint.OwnerName);
        Assert.Equal(Start.AddHours(24), complaint.DueAt);
        var shown = await widget.WaitForEventAsync("conversation", c => c.GetProperty("nextActions").GetArrayLength() == 1);
        Assert.Equal("complaint", shown.GetProperty("nextActions")[0].GetProperty("kind").GetString());

        // Tagging the same chat a complaint as well opens nothing twice.
        var tags = await agent.Port.AddConversationTagAsync(agent.Agent.Id, conversationId, "Complaint", CancellationToken.None);
        Assert.Equal(["Complaint"], tags);
        Assert.Equal(1L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM next_actions WHERE kind = 'complaint'"));
    }

    [Theory]
    [InlineData(2, true)]
    [InlineData(3, false)]
    [InlineData(5, false)]
    public async Task Only_a_rating_of_1_or_2_opens_a_follow_up(int rating, bool opens)
    {
        await using var agent = await _server.OpenConsoleAsync();
        var (widget, conversationId) = await ResolvedChatAsync(agent);
        await using var _ = widget;

        await widget.InvokeAsync("Rate", new { conversationId, rating });

        Assert.Equal(opens ? 1L : 0L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM next_actions WHERE conversation_id = @conversationId", new { conversationId }));
    }

    [Fact]
    public async Task A_complaint_tag_opens_a_follow_up_within_the_sites_own_deadline()
    {
        await using var agent = await _server.OpenConsoleAsync();
        var admin = _server.AdminPort();
        var site = (await admin.GetSitesAsync(agent.Agent.Id, CancellationToken.None)).Single(s => s.SiteKey == ChatServer.SiteKey);
        Assert.Equal(24, site.ComplaintHours);
        var refused = await Assert.ThrowsAsync<ConsoleActionException>(() => admin.UpdateSiteAsync(agent.Agent.Id, site with { ComplaintHours = 0 }, CancellationToken.None));
        Assert.Equal("complaint_hours_invalid", refused.Code);
        await admin.UpdateSiteAsync(agent.Agent.Id, site with { ComplaintHours = 4 }, CancellationToken.None);
        await using var widget = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync());
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await agent.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == conversationId);

        await agent.Port.AddConversationTagAsync(agent.Agent.Id, conversationId, "shipping", CancellationToken.None);
        Assert.Empty(await agent.Port.GetDueListAsync(agent.Agent.Id, CancellationToken.None));
        _time.Advance(TimeSpan.FromMinutes(1));
        await agent.Port.AddConversationTagAsync(agent.Agent.Id, conversationId, " complaint ", CancellationToken.None);

        var complaint = Assert.Single(await agent.Port.GetDueListAsync(agent.Agent.Id, CancellationToken.None));
        Assert.Equal(Start.AddMinutes(1).AddHours(4), complaint.DueAt);
        var detail = await agent.Port.OpenChatAsync(agent.Agent.Id, conversationId, CancellationToken.None);
        Assert.Equal(["shipping", "complaint"], detail.ConversationTags);
        Assert.True(Assert.Single(detail.NextActions).IsComplaint);

        // Tags are refused like customer tags, and other sites' chats cannot be tagged.
        var bad = await Assert.ThrowsAsync<ConsoleActionException>(() => agent.Port.AddConversationTagAsync(agent.Agent.Id, conversationId, new string('x', 31), CancellationToken.None));
        Assert.Equal("tag_invalid", bad.Code);
        var other = await _server.AddSiteAsync("Other shop", "Olga Other");
        await using var olga = await _server.OpenConsoleAsync(other.AdminEmail, ChatServer.AdminPassword);
        var intruder = await Assert.ThrowsAsync<ConsoleActionException>(() => olga.Port.AddConversationTagAsync(olga.Agent.Id, conversationId, "complaint", CancellationToken.None));
        Assert.Equal("not_your_conversation", intruder.Code);
    }

    [Fact]
    public async Task When_the_agent_no_longer_answers_for_the_site_the_sites_admin_owns_the_follow_up()
    {
        var tia = await _server.AddAgentAsync("Tia Tran", capacity: 2);
        var (widget, conversationId, tiaId) = await ChatWithAsync(tia.Email, tia.Password);
        await using var _ = widget;
        // Tia leaves the team: she answers for no site any more.
        await _server.ScalarAsync<long>("DELETE FROM site_agents WHERE agent_id = @tiaId", new { tiaId });

        await widget.InvokeAsync("Rate", new { conversationId, rating = 2 });

        await using var admin = await _server.OpenConsoleAsync();
        var complaint = Assert.Single(await admin.Port.GetDueListAsync(admin.Agent.Id, CancellationToken.None));
        Assert.Equal("Alex Admin", complaint.OwnerName);
    }

    private async Task<(HubSession Widget, string ConversationId)> ResolvedChatAsync(AgentSession agent)
    {
        var widget = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync("Ana Lima"));
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await agent.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == conversationId);
        await agent.Port.ResolveAsync(agent.Agent.Id, conversationId, CancellationToken.None);
        await widget.WaitForEventAsync("conversation", c => c.GetProperty("status").GetString() == "resolved");
        return (widget, conversationId);
    }

    private async Task<(HubSession Widget, string ConversationId, string AgentId)> ChatWithAsync(string email, string password)
    {
        await using var agent = await _server.OpenConsoleAsync(email, password);
        var (widget, conversationId) = await ResolvedChatAsync(agent);
        return (widget, conversationId, agent.Agent.Id);
    }
}
