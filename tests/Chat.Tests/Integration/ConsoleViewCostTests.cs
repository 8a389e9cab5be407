using Chat.AgentConsole.Port;
using Chat.Server.Storage;
using Chat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Tests.Integration;

/// <summary>
/// An agent's views read the database a fixed number of times, however many chats they show:
/// a busy console must not cost one query per chat.
/// </summary>
public sealed class ConsoleViewCostTests : IAsyncLifetime
{
    private readonly List<HubSession> _widgets = [];
    private ChatServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatServer.StartAsync("--Chat:Limits:ConversationsPerIpPerMinute=1000", "--Chat:Limits:VisitorsPerIpPerMinute=1000");

    public async Task DisposeAsync()
    {
        foreach (var widget in _widgets)
        {
            await widget.DisposeAsync();
        }

        await _server.DisposeAsync();
    }

    [Fact]
    public async Task The_queue_costs_the_same_database_calls_for_twelve_waiting_visitors_as_for_two()
    {
        var port = _server.Services.CreateAsyncScope().ServiceProvider.GetRequiredService<IConsolePort>();
        var admin = (await port.SignInAsync(ChatServer.AdminEmail, ChatServer.AdminPassword, CancellationToken.None))!;
        await StartChatsAsync(2);
        var forTwo = await CallsAsync(async () => Assert.Equal(2, (await port.GetQueueAsync(admin.Id, CancellationToken.None)).Count));

        await StartChatsAsync(10);
        var forTwelve = await CallsAsync(async () => Assert.Equal(12, (await port.GetQueueAsync(admin.Id, CancellationToken.None)).Count));

        Assert.Equal(forTwo, forTwelve);
    }

    [Fact]
    public async Task My_chats_cost_the_same_database_calls_for_twelve_open_chats_as_for_two()
    {
        var (email, password) = await _server.AddAgentAsync("Mo Many", capacity: 20);
        await using var agent = await _server.OpenConsoleAsync(email, password);
        await StartChatsAsync(2, agent);
        var forTwo = await CallsAsync(async () => Assert.Equal(2, (await agent.Port.GetMyChatsAsync(agent.Agent.Id, CancellationToken.None)).Count));

        await StartChatsAsync(10, agent);
        var mine = await agent.Port.GetMyChatsAsync(agent.Agent.Id, CancellationToken.None);
        var forTwelve = await CallsAsync(async () => Assert.Equal(12, (await agent.Port.GetMyChatsAsync(agent.Agent.Id, CancellationToken.None)).Count));

        Assert.Equal(forTwo, forTwelve);
        Assert.All(mine, chat => Assert.StartsWith("Visitor ", chat.CustomerName));
    }

    [Fact]
    public async Task Opening_a_chat_costs_the_same_database_calls_with_five_past_conversations_as_with_one()
    {
        await using var agent = await _server.OpenConsoleAsync();
        await using var widget = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync("Dana"));
        var costs = new List<long>();
        for (var visit = 1; visit <= 5; visit++)
        {
            var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
            await agent.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == conversationId);
            await widget.InvokeAsync("Send", new { conversationId, clientId = $"v-{visit}", text = $"Visit {visit}" });
            if (visit is 2 or 5)
            {
                // One past conversation, then four: each comes back with its whole transcript.
                var cost = await CallsAsync(async () =>
                {
                    var detail = await agent.Port.OpenChatAsync(agent.Agent.Id, conversationId, CancellationToken.None);
                    Assert.Equal(visit - 1, detail.PastConversations.Count);
                    Assert.All(detail.PastConversations, p => Assert.Single(p.Messages));
                });
                costs.Add(cost);
            }

            await agent.Port.ResolveAsync(agent.Agent.Id, conversationId, CancellationToken.None);
        }

        Assert.Equal(costs[0], costs[1]);
    }

    private async Task StartChatsAsync(int count, AgentSession? assignedTo = null)
    {
        for (var i = 0; i < count; i++)
        {
            // Each stays on the page: a visitor who left might no longer be waiting.
            var widget = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync($"Visitor {Guid.NewGuid():N}"));
            _widgets.Add(widget);
            var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
            if (assignedTo is not null)
            {
                await assignedTo.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == conversationId);
            }
        }
    }

    /// <summary>The fewest database calls the view took over three tries: background work can only add to a try, never take away.</summary>
    private async Task<long> CallsAsync(Func<Task> view)
    {
        var database = _server.Services.GetRequiredService<Database>();
        var fewest = long.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var before = database.Calls;
            await view();
            fewest = Math.Min(fewest, database.Calls - before);
        }

        return fewest;
    }
}
