namespace Chat.AgentConsole.Port;

public enum Presence { Online, Away, Offline }

public enum SenderKind { Visitor, Agent, System }

public sealed record AgentProfile(string Id, string Name, string Email, string Role, int Capacity);

public sealed record ChatMessage(
    string ConversationId,
    string ClientId,
    long Seq,
    SenderKind Sender,
    string SenderName,
    string Text,
    DateTimeOffset CreatedAt);

/// <summary>One row of "My chats".</summary>
/// <param name="WaitingSince">When the customer's oldest unanswered message was sent; null when nothing awaits a reply.</param>
public sealed record ChatSummary(
    string ConversationId,
    string CustomerName,
    string? LastMessagePreview,
    DateTimeOffset? LastMessageAt,
    DateTimeOffset? WaitingSince,
    long LastSeq);

public sealed record QueuedChat(string ConversationId, string CustomerName, string SiteName, DateTimeOffset QueuedAt);

public sealed record CustomerInfo(
    string Id,
    string Name,
    string? Email,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    int ConversationCount);

public sealed record PastConversation(
    string ConversationId,
    DateTimeOffset CreatedAt,
    string Status,
    int? Rating,
    IReadOnlyList<ChatMessage> Messages);

public sealed record ChatDetail(
    string ConversationId,
    string Status,
    CustomerInfo Customer,
    IReadOnlyList<ChatMessage> Messages,
    IReadOnlyList<PastConversation> PastConversations,
    int? Rating,
    string? RatingComment);

/// <summary>Live events pushed to a console circuit.</summary>
public abstract record ConsoleEvent;

public sealed record MessagePosted(ChatMessage Message) : ConsoleEvent;

public sealed record VisitorTyping(string ConversationId, bool IsTyping) : ConsoleEvent;

public sealed record ChatAssigned(ChatSummary Chat) : ConsoleEvent;

public sealed record ChatClosed(string ConversationId, string Status) : ConsoleEvent;

public sealed record ChatRated(string ConversationId, int Rating, string? Comment) : ConsoleEvent;

public sealed record QueueChanged : ConsoleEvent;

/// <summary>An action the agent may not take, or bad input, with a stable code and a readable message.</summary>
public sealed class ConsoleActionException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
