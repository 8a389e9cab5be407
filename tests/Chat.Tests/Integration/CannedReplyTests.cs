using Chat.AgentConsole.Port;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Integration;

/// <summary>Canned replies: per site, checked when saved, readable by the site's agents only.</summary>
public sealed class CannedReplyTests : IAsyncLifetime
{
    private ChatServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<(string AdminId, string SiteId)> AdminAndSiteAsync() =>
        (await _server.ScalarAsync<string>("SELECT id FROM agents WHERE email = @AdminEmail", new { ChatServer.AdminEmail }),
         await _server.ScalarAsync<string>("SELECT id FROM sites WHERE site_key = @SiteKey", new { ChatServer.SiteKey }));

    [Fact]
    public async Task A_reply_with_known_variables_is_saved_and_the_sites_agents_can_use_it()
    {
        var (adminId, siteId) = await AdminAndSiteAsync();
        var admin = _server.AdminPort();

        var saved = await admin.SaveCannedReplyAsync(adminId,
            new CannedReply("", siteId, "/thanks", "Thanks {{customer.first_name}}! {{ agent.name }} from {{site.name}}."), CancellationToken.None);

        Assert.Equal("thanks", saved.Shortcut);
        var agentLogin = await _server.AddAgentAsync("Sam Small", 2);
        await using var agent = await _server.OpenConsoleAsync(agentLogin.Email, agentLogin.Password);
        var replies = await agent.Port.GetCannedRepliesAsync(agent.Agent.Id, siteId, CancellationToken.None);
        Assert.Equal("Thanks {{customer.first_name}}! {{ agent.name }} from {{site.name}}.", Assert.Single(replies).Text);
    }

    [Theory]
    [InlineData("Hi {{customer.age}}", "canned_variable_unknown")]
    [InlineData("Hi {{ Customer.Name }}", "canned_variable_unknown")]
    [InlineData("Hi {{}}", "canned_variable_unknown")]
    [InlineData("Hi {{customer.name", "canned_text_invalid")]
    [InlineData("   ", "canned_text_empty")]
    public async Task A_reply_with_an_unknown_variable_or_bad_text_is_refused_and_nothing_is_saved(string text, string code)
    {
        var (adminId, siteId) = await AdminAndSiteAsync();

        var refused = await Assert.ThrowsAsync<ConsoleActionException>(() =>
            _server.AdminPort().SaveCannedReplyAsync(adminId, new CannedReply("", siteId, "hi", text), CancellationToken.None));

        Assert.Equal(code, refused.Code);
        Assert.Equal(0L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM canned_replies"));
    }

    [Fact]
    public async Task The_refusal_names_the_unknown_variable_and_the_ones_that_exist()
    {
        var (adminId, siteId) = await AdminAndSiteAsync();

        var refused = await Assert.ThrowsAsync<ConsoleActionException>(() =>
            _server.AdminPort().SaveCannedReplyAsync(adminId, new CannedReply("", siteId, "hi", "Dear {{customer.title}}"), CancellationToken.None));

        Assert.Contains("{{customer.title}}", refused.Message, StringComparison.Ordinal);
        Assert.Contains("{{customer.first_name}}", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shortcuts_are_unique_per_site_and_must_be_one_word()
    {
        var (adminId, siteId) = await AdminAndSiteAsync();
        var admin = _server.AdminPort();
        await admin.SaveCannedReplyAsync(adminId, new CannedReply("", siteId, "hello", "Hello!"), CancellationToken.None);

        var taken = await Assert.ThrowsAsync<ConsoleActionException>(() =>
            admin.SaveCannedReplyAsync(adminId, new CannedReply("", siteId, "/HELLO", "Hi again"), CancellationToken.None));
        var spaced = await Assert.ThrowsAsync<ConsoleActionException>(() =>
            admin.SaveCannedReplyAsync(adminId, new CannedReply("", siteId, "two words", "Hi"), CancellationToken.None));

        Assert.Equal("canned_shortcut_taken", taken.Code);
        Assert.Equal("canned_shortcut_invalid", spaced.Code);
    }

    [Fact]
    public async Task Agents_cannot_save_replies_and_nobody_reaches_another_sites_replies()
    {
        var (adminId, siteId) = await AdminAndSiteAsync();
        var admin = _server.AdminPort();
        var mine = await admin.SaveCannedReplyAsync(adminId, new CannedReply("", siteId, "bye", "Bye!"), CancellationToken.None);
        var agentLogin = await _server.AddAgentAsync("Sam Small", 2);
        await using var agent = await _server.OpenConsoleAsync(agentLogin.Email, agentLogin.Password);
        var other = await _server.AddSiteAsync("Other Shop", "Olga Other");

        var notAdmin = await Assert.ThrowsAsync<ConsoleActionException>(() =>
            admin.SaveCannedReplyAsync(agent.Agent.Id, new CannedReply("", siteId, "x", "x"), CancellationToken.None));
        var foreignEdit = await Assert.ThrowsAsync<ConsoleActionException>(() =>
            admin.SaveCannedReplyAsync(other.AdminId, mine with { Text = "Hacked" }, CancellationToken.None));
        var foreignDelete = await Assert.ThrowsAsync<ConsoleActionException>(() =>
            admin.DeleteCannedReplyAsync(other.AdminId, mine.Id, CancellationToken.None));
        var foreignCreate = await Assert.ThrowsAsync<ConsoleActionException>(() =>
            admin.SaveCannedReplyAsync(other.AdminId, new CannedReply("", siteId, "spam", "Spam"), CancellationToken.None));
        var foreignRead = await Assert.ThrowsAsync<ConsoleActionException>(() =>
            agent.Port.GetCannedRepliesAsync(agent.Agent.Id, other.Id, CancellationToken.None));

        Assert.Equal("admin_only", notAdmin.Code);
        Assert.All(new[] { foreignEdit, foreignDelete, foreignCreate, foreignRead }, e => Assert.Equal("not_found", e.Code));
        Assert.Equal("Bye!", await _server.ScalarAsync<string>("SELECT text FROM canned_replies"));
        Assert.Equal(1L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM canned_replies"));
    }
}
