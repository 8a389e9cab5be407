using System.Text.Json.Serialization;
using Chat.Server.Conversations;

namespace Chat.Server.Events;

/// <summary>What happened, published after the change is committed. Delivery is a hint: clients resync from the database.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(MessageAdded), "message")]
[JsonDerivedType(typeof(TypingChanged), "typing")]
[JsonDerivedType(typeof(ConversationChanged), "conversation")]
[JsonDerivedType(typeof(QueueChangedEvent), "queue")]
[JsonDerivedType(typeof(MessagesSeen), "seen")]
public abstract record ChatEvent;

public sealed record MessageAdded(MessageRow Message, string CustomerId, string? AgentId) : ChatEvent;

/// <summary>Someone is typing. <paramref name="Text"/> is the visitor's live preview for the agent; agents' drafts are never sent.</summary>
public sealed record TypingChanged(string ConversationId, string SenderKind, string Name, string Text, bool IsTyping) : ChatEvent;

public enum ConversationChange { Queued, Assigned, Resolved, Rated, QueueMoved, Requeued }

/// <param name="QueuePosition">1-based place in line while queued.</param>
public sealed record ConversationChanged(ConversationRow Conversation, ConversationChange Change, int? QueuePosition) : ChatEvent;

public sealed record QueueChangedEvent(string SiteId) : ChatEvent;
