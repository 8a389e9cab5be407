using Chat.AgentConsole.Port;

namespace Chat.Server.Agents;

/// <summary>A message as agents' hub clients see it: the same shape the widget gets.</summary>
public sealed record AgentMessageView(
    string ConversationId, string ClientId, long Seq, string Sender, string SenderName, string Text, DateTimeOffset CreatedAt)
{
    public static AgentMessageView From(ChatMessage m) => new(
        m.ConversationId, m.ClientId, m.Seq,
        m.Sender switch { SenderKind.Agent => "agent", SenderKind.Visitor => "visitor", _ => "system" },
        m.SenderName, m.Text, m.CreatedAt);
}

public sealed record AgentSendRequest(string? ConversationId, string? ClientId, string? Text);

public sealed record AgentTypingRequest(string? ConversationId, bool IsTyping);

public sealed record AgentConversationRequest(string? ConversationId);

public sealed record PresenceRequest(string? Presence);

/// <param name="Code">For an account with two-factor sign-in: the code from its app, or a recovery code.</param>
public sealed record AgentSignInRequest(string? Email, string? Password, string? Code = null);

public sealed record AgentSignedIn(string Id, string Name, string Email, string Role);

public sealed record AgentMessagesRequest(string? ConversationId, long AfterSeq);
