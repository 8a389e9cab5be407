using Chat.AgentConsole.Port;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Tests.Infrastructure;

/// <summary>One agent's open console: the port, and the live events it pushes.</summary>
public sealed class AgentSession : IAsyncDisposable
{
    private readonly AsyncServiceScope _scope;
    private readonly EventInbox<ConsoleEvent> _events = new("the console");
    private IDisposable? _subscription;

    private AgentSession(AsyncServiceScope scope, IConsolePort port, AgentProfile agent)
    {
        _scope = scope;
        Port = port;
        Agent = agent;
    }

    public IConsolePort Port { get; }

    public AgentProfile Agent { get; }

    public static AgentSession Open(AsyncServiceScope scope, IConsolePort port, AgentProfile agent)
    {
        var session = new AgentSession(scope, port, agent);
        session._subscription = port.Subscribe(agent.Id, e =>
        {
            session._events.Add(e);
            return Task.CompletedTask;
        });
        return session;
    }

    public async Task<T> WaitForAsync<T>(Func<T, bool>? match = null, TimeSpan? timeout = null) where T : ConsoleEvent =>
        (T)await _events.TakeAsync(e => e is T typed && (match?.Invoke(typed) ?? true), typeof(T).Name, timeout);

    /// <summary>Every event of this type received and not yet taken, without waiting.</summary>
    public IReadOnlyList<T> Received<T>() where T : ConsoleEvent => [.. _events.Kept(e => e is T).Cast<T>()];

    public Task<ChatMessage> SendAsync(string conversationId, string text, string? clientId = null) =>
        Port.SendAsync(Agent.Id, conversationId, clientId ?? Guid.NewGuid().ToString("N"), text, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        await _scope.DisposeAsync();
    }
}
