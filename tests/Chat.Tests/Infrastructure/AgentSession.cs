using System.Threading.Channels;
using Chat.AgentConsole.Port;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Tests.Infrastructure;

/// <summary>One agent's open console: the port, and the live events it pushes.</summary>
public sealed class AgentSession : IAsyncDisposable
{
    private readonly AsyncServiceScope _scope;
    private readonly Channel<ConsoleEvent> _events = Channel.CreateUnbounded<ConsoleEvent>();
    private readonly List<ConsoleEvent> _seen = [];
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
            lock (session._seen)
            {
                session._seen.Add(e);
            }

            session._events.Writer.TryWrite(e);
            return Task.CompletedTask;
        });
        return session;
    }

    public async Task<T> WaitForAsync<T>(Func<T, bool>? match = null, TimeSpan? timeout = null) where T : ConsoleEvent
    {
        lock (_seen)
        {
            var earlier = _seen.OfType<T>().FirstOrDefault(e => match?.Invoke(e) ?? true);
            if (earlier is not null)
            {
                _seen.Remove(earlier);
                return earlier;
            }
        }

        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        try
        {
            while (true)
            {
                if (await _events.Reader.ReadAsync(cts.Token) is T typed && (match?.Invoke(typed) ?? true))
                {
                    lock (_seen)
                    {
                        _seen.Remove(typed);
                    }

                    return typed;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No {typeof(T).Name} reached the console in time.");
        }
    }

    public Task<ChatMessage> SendAsync(string conversationId, string text, string? clientId = null) =>
        Port.SendAsync(Agent.Id, conversationId, clientId ?? Guid.NewGuid().ToString("N"), text, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        await _scope.DisposeAsync();
    }
}
