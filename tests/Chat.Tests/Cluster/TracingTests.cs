using System.Collections.Concurrent;
using System.Diagnostics;
using Chat.AgentConsole.Port;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Cluster;

/// <summary>
/// A message's spans, hub call → post → commit → publish → delivery, make one trace, even when the
/// delivery happens on another node (the trace context travels in the Redis envelope). Both nodes
/// run in the test process, so one listener sees the spans of both.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class TracingTests(PostgresServer postgres) : IAsyncLifetime
{
    private readonly ConcurrentQueue<Activity> _spans = new();
    private RedisServer _redis = null!;
    private string _database = "";
    private ActivityListener _listener = null!;
    private Func<Activity, bool> _awaited = _ => false;
    private readonly TaskCompletionSource<Activity> _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _database = await postgres.CreateDatabaseAsync();
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is "Chat" or "Microsoft.AspNetCore.SignalR.Server",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                _spans.Enqueue(a);
                if (_awaited(a))
                {
                    _arrived.TrySetResult(a);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public async Task DisposeAsync()
    {
        _listener.Dispose();
        await _redis.DisposeAsync();
    }

    private string[] Node() => NodeArgs.Shared(_redis, _database);

    [Fact]
    public async Task A_visitors_message_is_one_trace_from_the_hub_call_to_the_agents_console_on_another_node()
    {
        await using var visitorNode = await ChatServer.StartAsync(Node());
        await using var agentNode = await ChatServer.StartAsync(Node());
        await using var agent = await agentNode.OpenConsoleAsync();
        await using var widget = await visitorNode.ConnectVisitorAsync(await visitorNode.NewVisitorAsync("Ana"));
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await agent.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == conversationId);
        _awaited = a => a.OperationName == "chat.message.deliver" && Tag(a, "chat.audience") == "agent" && Tag(a, "chat.conversation.id") == conversationId;

        await widget.InvokeAsync("Send", new { conversationId, clientId = "traced", text = "Follow me" });
        await agent.WaitForAsync<MessagePosted>(m => m.Message.ClientId == "traced");
        var delivered = await _arrived.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var trace = _spans.Where(s => s.TraceId == delivered.TraceId).ToList();
        var commit = Assert.Single(trace, s => s.OperationName == "chat.message.commit");
        var post = Assert.Single(trace, s => s.SpanId == commit.ParentSpanId);
        var hubCall = Assert.Single(trace, s => s.SpanId == post.ParentSpanId);
        var publish = Assert.Single(trace, s => s.OperationName == "chat.message.publish");
        var dequeued = Assert.Single(trace, s => s.SpanId == delivered.ParentSpanId);
        var received = Assert.Single(trace, s => s.SpanId == dequeued.ParentSpanId);

        Assert.Equal("chat.message.post", post.OperationName);
        Assert.Equal(("visitor", conversationId), (Tag(post, "chat.sender"), Tag(post, "chat.conversation.id")));
        Assert.Equal("Microsoft.AspNetCore.SignalR.Server", hubCall.Source.Name);
        // The message went alone, so its group commit held one.
        Assert.Equal("1", Tag(commit, "chat.batch.size"));
        Assert.Equal(post.SpanId, publish.ParentSpanId);
        // On the agent's node: received from Redis, then waited in the console's own queue.
        Assert.Equal("chat.event.receive", received.OperationName);
        Assert.Equal("chat.event.dequeue", dequeued.OperationName);
        Assert.Equal(publish.SpanId, received.ParentSpanId);
        // Text is private: no span carries it.
        Assert.DoesNotContain(trace.SelectMany(s => s.TagObjects), t => Equals(t.Value, "Follow me"));
    }

    private static string? Tag(Activity activity, string name) => activity.GetTagItem(name)?.ToString();
}
