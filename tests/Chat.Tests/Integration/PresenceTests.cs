using Chat.AgentConsole.Port;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Integration;

/// <summary>The presence an agent chooses sticks: a new console, another device and a restart of the server keep it.</summary>
public sealed class PresenceTests : IAsyncLifetime
{
    private ChatServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Away_survives_a_restart_and_the_next_visitor_goes_to_an_agent_who_is_online()
    {
        var bea = await _server.AddAgentAsync("Bea Stone", capacity: 3);
        await using (var admin = await _server.OpenConsoleAsync())
        {
            await admin.Port.SetPresenceAsync(admin.Agent.Id, Presence.Away, CancellationToken.None);
        }

        _server = await _server.RestartAsync();

        // Both consoles come back as the console page opens them after the restart.
        var (adminConsole, adminPresence) = await _server.ResumeConsoleAsync();
        await using var _ = adminConsole;
        var (beaConsole, beaPresence) = await _server.ResumeConsoleAsync(bea.Email, bea.Password);
        await using var __ = beaConsole;
        Assert.Equal(Presence.Away, adminPresence);
        Assert.Equal(Presence.Online, beaPresence);

        var visitor = await _server.NewVisitorAsync("Ana Lima");
        await using var widget = await _server.ConnectVisitorAsync(visitor);
        var started = await widget.InvokeAsync("StartConversation");
        var conversationId = started.GetProperty("id").GetString()!;

        await beaConsole.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == conversationId);
        var toVisitor = await widget.WaitForEventAsync("conversation", c => c.GetProperty("status").GetString() == "open");
        Assert.Equal("Bea Stone", toVisitor.GetProperty("agentName").GetString());
        Assert.Empty(adminConsole.Received<ChatAssigned>());
    }

    [Fact]
    public async Task Away_holds_on_another_device_and_nobody_online_keeps_the_visitor_waiting_until_the_agent_comes_back()
    {
        await using (var laptop = await _server.OpenConsoleAsync())
        {
            await laptop.Port.SetPresenceAsync(laptop.Agent.Id, Presence.Away, CancellationToken.None);
        }

        var (phone, presence) = await _server.ResumeConsoleAsync();
        await using var _ = phone;
        Assert.Equal(Presence.Away, presence);

        var visitor = await _server.NewVisitorAsync("Ana Lima");
        await using var widget = await _server.ConnectVisitorAsync(visitor);
        var started = await widget.InvokeAsync("StartConversation");
        Assert.Equal("queued", started.GetProperty("status").GetString());
        var conversationId = started.GetProperty("id").GetString()!;

        // Choosing online is kept too, and hands the agent who waits.
        await phone.Port.SetPresenceAsync(phone.Agent.Id, Presence.Online, CancellationToken.None);
        await phone.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == conversationId);
        Assert.Equal("online", await _server.ScalarAsync<string>("SELECT presence FROM agents WHERE id = @Id", new { phone.Agent.Id }));
    }
}
