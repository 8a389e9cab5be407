using System.Net.Sockets;
using System.Text.Json;
using Chat.AgentConsole.Port;
using Chat.Server.Conversations;
using Chat.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Tests.Integration;

/// <summary>Writers never wait on listeners: a console that stopped reading holds up nobody.</summary>
public sealed class DeliveryTests : IAsyncLifetime
{
    private const int Flood = 1_500;
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(5);
    private ChatServer _server = null!;

    // A small queue, so the stalled console overflows within a short chat.
    public async Task InitializeAsync() => _server = await ChatServer.StartAsync("--Chat:Delivery:ListenerQueueCapacity=4");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_console_that_stopped_reading_delays_no_acknowledgement_and_once_back_it_resyncs_to_every_message_exactly_once()
    {
        await using var live = await _server.OpenConsoleAsync();
        var agentId = live.Agent.Id;

        // A second console of the same agent whose browser died mid-render: its handler never returns.
        await using var scope = _server.Services.CreateAsyncScope();
        var deadPort = scope.ServiceProvider.GetRequiredService<IConsolePort>();
        var stalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var resynced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reachedDead = new List<ConsoleEvent>();
        using var dead = deadPort.Subscribe(agentId, async e =>
        {
            await stalled.Task;
            lock (reachedDead)
            {
                reachedDead.Add(e);
            }

            if (e is ResyncNeeded)
            {
                resynced.TrySetResult();
            }
        });

        await using var widget = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync("Ana Lima"));
        var conversationId = (await widget.InvokeAsync("StartConversation").WaitAsync(Prompt)).GetProperty("id").GetString()!;
        await live.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == conversationId);

        var sent = Enumerable.Range(1, 20).Select(i => $"v-{i}").ToList();
        foreach (var clientId in sent)
        {
            // Each acknowledgement comes from the commit alone; the stalled console is not waited for.
            var ack = await widget.InvokeAsync("Send", new { conversationId, clientId, text = $"Message {clientId}" }).WaitAsync(Prompt);
            Assert.Equal(clientId, ack.GetProperty("clientId").GetString());
            Assert.Equal($"Message {clientId}", (await live.WaitForAsync<MessagePosted>(m => m.Message.ClientId == clientId)).Message.Text);
        }

        // The browser comes back: it gets what was queued, then is told to resync, and reads the rest.
        stalled.SetResult();
        await resynced.Task.WaitAsync(TimeSpan.FromSeconds(10));
        List<string> viaEvents;
        lock (reachedDead)
        {
            viaEvents = [.. reachedDead.OfType<MessagePosted>().Select(m => m.Message.ClientId)];
        }

        Assert.True(viaEvents.Count < sent.Count, "the stalled console's queue should have overflowed");
        Assert.Equal(viaEvents.Distinct(), viaEvents);
        var afterResync = await deadPort.OpenChatAsync(agentId, conversationId, CancellationToken.None);
        var shown = viaEvents.Union(afterResync.Messages.Select(m => m.ClientId)).ToList();
        Assert.Equal(sent, shown);
    }

    [Fact]
    public async Task A_visitor_whose_socket_stopped_reading_delays_no_other_visitors_acknowledgement()
    {
        await using var console = await _server.OpenConsoleAsync();
        var resynced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var quiet = await ConnectWithSmallWindowAsync(await _server.NewVisitorAsync("Quiet"), (target, _) =>
        {
            if (target == "resync")
            {
                resynced.TrySetResult();
            }
        });
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var quietConversation = (await quiet.CallAsync("StartConversation", patience.Token)).GetProperty("id").GetString()!;
        await console.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == quietConversation);
        quiet.StopReading();

        // The agent floods the visitor who stopped reading, far past what their socket (the
        // server's send buffer grows to 4 MB), their connection's pipe and their queue hold.
        var flood = new string('x', 4_000);
        foreach (var chunk in Enumerable.Range(0, Flood).Chunk(50))
        {
            await Task.WhenAll(chunk.Select(i => console.SendAsync(quietConversation, flood, $"flood-{i}").WaitAsync(Prompt)));
        }

        await using var other = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync("Other"));
        var otherConversation = (await other.InvokeAsync("StartConversation").WaitAsync(Prompt)).GetProperty("id").GetString()!;
        for (var i = 0; i < 5; i++)
        {
            await other.InvokeAsync("Send", new { conversationId = otherConversation, clientId = $"o-{i}", text = "Still there?" }).WaitAsync(Prompt);
        }

        // Once it reads again, the quiet visitor is told to resync and finds every message once.
        quiet.ResumeReading();
        await resynced.Task.WaitAsync(patience.Token);
        var clientIds = new List<string?>();
        for (long afterSeq = 0; ;)
        {
            var page = (await quiet.CallAsync("GetMessages", patience.Token, new { conversationId = quietConversation, afterSeq })).EnumerateArray().ToList();
            if (page.Count == 0)
            {
                break;
            }

            clientIds.AddRange(page.Select(m => m.GetProperty("clientId").GetString()));
            afterSeq = page[^1].GetProperty("seq").GetInt64();
        }

        Assert.Equal(Flood, clientIds.Count);
        Assert.Equal(Enumerable.Range(0, Flood).Select(i => $"flood-{i}").Order(), clientIds.Order());
    }

    [Fact]
    public async Task A_reply_whose_sender_went_away_while_it_waited_for_the_commit_is_still_committed_and_reaches_the_visitor()
    {
        await using var console = await _server.OpenConsoleAsync();
        await using var widget = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync("Ana Lima"));
        var conversationId = (await widget.InvokeAsync("StartConversation").WaitAsync(Prompt)).GetProperty("id").GetString()!;
        await console.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == conversationId);
        var replies = _server.Services.GetRequiredService<ConversationService>();
        var agent = new Author(SenderKinds.Agent, console.Agent.Id, console.Agent.Name);

        // Another writer holds the database, so the reply waits in the writer's queue; meanwhile
        // its sender goes away (the agent's connection dropped, the call cancelled).
        Task<MessageRow> reply;
        await using (var holder = new SqliteConnection($"Data Source={_server.DatabasePath}"))
        {
            await holder.OpenAsync();
            await using var hold = holder.CreateCommand();
            hold.CommandText = "BEGIN IMMEDIATE;";
            await hold.ExecuteNonQueryAsync();
            using var gone = new CancellationTokenSource();
            reply = replies.ReplyAsync(conversationId, agent, "while-away", "Your parcel left today.", gone.Token);
            await gone.CancelAsync();
            hold.CommandText = "ROLLBACK;";
            await hold.ExecuteNonQueryAsync();
        }

        // Committed all the same, so the visitor, who is still there, hears of it.
        Assert.Equal("while-away", (await reply.WaitAsync(Prompt)).ClientId);
        var heard = await widget.WaitForEventAsync("message", m => m.GetProperty("clientId").GetString() == "while-away", Prompt);
        Assert.Equal("Your parcel left today.", heard.GetProperty("text").GetString());
    }

    /// <summary>
    /// A visitor that can stop reading, which no real client does, so the raw-frame client; its socket takes at most a few kilobytes the server has not had read: a small
    /// receive buffer set before connecting keeps the kernel from growing the window, so a
    /// client that stops reading backs the server up after a few messages, not megabytes.
    /// </summary>
    private Task<RawHubClient> ConnectWithSmallWindowAsync(Visitor visitor, Action<string, JsonElement> onEvent)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096, NoDelay = true };
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        return RawHubClient.ConnectAsync(_server.VisitorHubUrl(visitor.Token), new RawHubClientOptions
        {
            OnEvent = onEvent,
            Origin = _server.BaseUrl.GetLeftPart(UriPartial.Authority),
            Invoker = new HttpMessageInvoker(handler),
            KeepAliveInterval = TimeSpan.FromSeconds(5),
        }, CancellationToken.None);
    }
}
