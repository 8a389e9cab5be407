using System.Text.RegularExpressions;
using Chat.AgentConsole.Port;
using Chat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Tests.Integration;

/// <summary>
/// Act quickly, visibly: the widget is told the site's real median first-reply time over the last
/// week, only once ten chats were answered; and a site's reply target reaches the console.
/// </summary>
public sealed partial class FirstReplyTimeTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2030, 1, 7, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private ChatServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatServer.StartAsync(s => s.AddSingleton<TimeProvider>(_time));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_frame_gives_the_median_first_reply_of_the_last_seven_days_once_ten_chats_were_answered()
    {
        await using var agent = await _server.OpenConsoleAsync();
        // Answered after 30 s, 60 s … 270 s: nine chats are not enough to promise anything.
        for (var i = 1; i <= 9; i++)
        {
            await AnsweredChatAsync(agent, TimeSpan.FromSeconds(30 * i));
        }

        Assert.Equal("", await TypicalReplyAsync());

        // The tenth (300 s, as long as the figure is cached): the median of 30 … 300 is 165 s.
        await AnsweredChatAsync(agent, TimeSpan.FromSeconds(300));
        Assert.Equal("165", await TypicalReplyAsync());

        // A week on, those chats have rolled out of the window and the widget promises nothing again.
        _time.Advance(TimeSpan.FromDays(7));
        Assert.Equal("", await TypicalReplyAsync());
    }

    [Fact]
    public async Task A_sites_reply_target_is_saved_by_its_admin_reaches_the_console_and_bad_targets_are_refused()
    {
        await using var agent = await _server.OpenConsoleAsync();
        var admin = _server.AdminPort();
        var site = (await admin.GetSitesAsync(agent.Agent.Id, CancellationToken.None)).Single();

        var saved = await admin.UpdateSiteAsync(agent.Agent.Id, site with { Thresholds = site.Thresholds with { FirstReplyTarget = TimeSpan.FromSeconds(90.4) } }, CancellationToken.None);
        Assert.Equal(TimeSpan.FromSeconds(90), saved.Thresholds.FirstReplyTarget);

        await using var widget = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync());
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await widget.InvokeAsync("Send", new { conversationId, clientId = "v-1", text = "Hello?" });
        var chat = (await agent.Port.GetMyChatsAsync(agent.Agent.Id, CancellationToken.None)).Single(c => c.ConversationId == conversationId);
        Assert.Equal(TimeSpan.FromSeconds(90), chat.Thresholds.FirstReplyTarget);

        foreach (var bad in new[] { TimeSpan.FromSeconds(5), TimeSpan.FromHours(25), TimeSpan.FromSeconds(-60) })
        {
            var refused = await Assert.ThrowsAsync<ConsoleActionException>(() =>
                admin.UpdateSiteAsync(agent.Agent.Id, site with { Thresholds = site.Thresholds with { FirstReplyTarget = bad } }, CancellationToken.None));
            Assert.Equal("first_reply_target_invalid", refused.Code);
        }

        Assert.Equal(90L, await _server.ScalarAsync<long>("SELECT first_reply_target_seconds FROM sites WHERE id = @Id", new { site.Id }));
        var cleared = await admin.UpdateSiteAsync(agent.Agent.Id, saved with { Thresholds = saved.Thresholds with { FirstReplyTarget = null } }, CancellationToken.None);
        Assert.Null(cleared.Thresholds.FirstReplyTarget);
    }

    private async Task AnsweredChatAsync(AgentSession agent, TimeSpan after)
    {
        await using var widget = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync());
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await agent.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == conversationId);
        _time.Advance(after);
        await agent.Port.SendAsync(agent.Agent.Id, conversationId, Guid.NewGuid().ToString("N"), "Hello, how can I help?", CancellationToken.None);
        await agent.Port.ResolveAsync(agent.Agent.Id, conversationId, CancellationToken.None);
    }

    private async Task<string> TypicalReplyAsync()
    {
        var html = await _server.Http.GetStringAsync($"widget/frame?site={ChatServer.SiteKey}");
        return TypicalReply().Match(html).Groups[1].Value;
    }

    [GeneratedRegex("data-typical-reply=\"([^\"]*)\"")]
    private static partial Regex TypicalReply();
}
