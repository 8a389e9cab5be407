namespace Chat.AgentConsole.Port;

/// <summary>
/// Everything the console needs from the chat server. The console depends on nothing else,
/// so its components can be tested against a fake of this port.
/// Every method checks that the agent may act on the conversation and throws
/// <see cref="ConsoleActionException"/> with a stable code when not.
/// </summary>
public interface IConsolePort
{
    /// <summary>Checks an agent's credentials; null when they do not match.</summary>
    Task<AgentProfile?> SignInAsync(string email, string password, CancellationToken ct);

    Task<AgentProfile?> GetAgentAsync(string agentId, CancellationToken ct);

    /// <summary>The agent's open chats (assigned to them, not resolved).</summary>
    Task<IReadOnlyList<ChatSummary>> GetMyChatsAsync(string agentId, CancellationToken ct);

    /// <summary>Visitors waiting for an agent on the sites this agent belongs to, longest wait first.</summary>
    Task<IReadOnlyList<QueuedChat>> GetQueueAsync(string agentId, CancellationToken ct);

    /// <summary>Transcript, customer and the customer's earlier conversations.</summary>
    Task<ChatDetail> OpenChatAsync(string agentId, string conversationId, CancellationToken ct);

    /// <summary>Stores the reply and returns it once committed. A retry with the same clientId returns the first result.</summary>
    Task<ChatMessage> SendAsync(string agentId, string conversationId, string clientId, string text, CancellationToken ct);

    Task SetTypingAsync(string agentId, string conversationId, bool isTyping, CancellationToken ct);

    Task ResolveAsync(string agentId, string conversationId, CancellationToken ct);

    /// <summary>Assigns a queued conversation to this agent.</summary>
    Task TakeAsync(string agentId, string conversationId, CancellationToken ct);

    Task SetPresenceAsync(string agentId, Presence presence, CancellationToken ct);

    /// <summary>
    /// Live events for this agent: new chats assigned, messages and typing in their chats,
    /// queue changes on their sites. Dispose the result to stop (when the circuit ends).
    /// </summary>
    IDisposable Subscribe(string agentId, Func<ConsoleEvent, Task> onEvent);
}
