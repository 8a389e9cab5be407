using Chat.AgentConsole.Port;
using Chat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Tests.Routing;

/// <summary>The offline grace period on the server's fake clock: minutes pass in milliseconds.</summary>
public sealed class GracePeriodTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task An_agent_who_closes_the_console_keeps_their_chat_for_the_grace_period_and_then_the_line_gets_it_back()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 7, 9, 0, 0, TimeSpan.Zero));
        await using var server = await ChatServer.StartAsync(s => s.AddSingleton<TimeProvider>(time),
            $"--Chat:Routing:OfflineGraceSeconds={Grace.TotalSeconds}", $"--Chat:Routing:HeartbeatSeconds={Heartbeat.TotalSeconds}");
        var (email, password) = await server.AddAgentAsync("Gone Soon", capacity: 2);
        var leaving = await server.OpenConsoleAsync(email, password);
        await using var widget = await server.ConnectVisitorAsync(await server.NewVisitorAsync("Ana"));
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await leaving.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == conversationId);

        await leaving.DisposeAsync();
        var closedAt = time.GetUtcNow();
        var notice = await time.AdvanceUntilAsync(
            widget.WaitForEventAsync("message", m => m.GetProperty("sender").GetString() == "system", TimeSpan.FromSeconds(30)), step: TimeSpan.FromSeconds(10));

        Assert.Contains("Gone Soon is no longer available", notice.GetProperty("text").GetString());
        // Not a moment early: the clock had passed the whole grace period when the chat went back.
        Assert.True(time.GetUtcNow() - closedAt >= Grace, $"Returned after {time.GetUtcNow() - closedAt}");
        Assert.Equal("queued", (await widget.InvokeAsync("GetConversation", new { conversationId })).GetProperty("status").GetString());
        await using var next = await server.OpenConsoleAsync();
        await next.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == conversationId);
    }
}
