using System.Text.Json.Serialization;
using Chat.Server.Conversations;
using Chat.Server.Customers;
using Chat.Server.NextActions;

namespace Chat.Server.Events;

/// <summary>
/// What happened, published after the change is committed. Each event carries whom it concerns,
/// and <see cref="Audience"/> alone turns that into channels. Delivery is a hint: clients resync
/// from the database.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(MessageAdded), "message")]
[JsonDerivedType(typeof(TypingChanged), "typing")]
[JsonDerivedType(typeof(ConversationChanged), "conversation")]
[JsonDerivedType(typeof(QueueChangedEvent), "queue")]
[JsonDerivedType(typeof(MessagesSeen), "seen")]
[JsonDerivedType(typeof(NoteAddedEvent), "note")]
[JsonDerivedType(typeof(ChatHandedOver), "handover")]
[JsonDerivedType(typeof(VisitorPageReported), "page")]
[JsonDerivedType(typeof(CustomerChanged), "customer")]
[JsonDerivedType(typeof(NextActionChanged), "next_action")]
[JsonDerivedType(typeof(NextActionDue), "next_action_due")]
public abstract record ChatEvent;

/// <param name="AgentId">The conversation's agent when the message was committed, if any.</param>
public sealed record MessageAdded(MessageRow Message, string CustomerId, string? AgentId) : ChatEvent;

/// <summary>
/// Someone is typing. <paramref name="Text"/> is the visitor's live preview for the agent;
/// agents' drafts are never sent.
/// </summary>
public sealed record TypingChanged(string ConversationId, string CustomerId, string? AgentId, string SenderKind, string Name, string Text, bool IsTyping) : ChatEvent;

/// <remarks>NextActions: a next action was set, kept or moved; the widget shows them with the conversation.</remarks>
public enum ConversationChange { Queued, Assigned, Resolved, Rated, QueueMoved, Requeued, Transferred, Reopened, NextActions }

/// <param name="QueuePosition">1-based place in line while queued.</param>
/// <param name="FormerAgentId">The agent who had the conversation until this change took it away (requeue).</param>
public sealed record ConversationChanged(ConversationRow Conversation, ConversationChange Change, int? QueuePosition, string? FormerAgentId = null) : ChatEvent;

public sealed record QueueChangedEvent(string SiteId) : ChatEvent;

/// <summary>An agent-only note, for its author, the conversation's agent and the agents it @mentions; never a visitor.</summary>
public sealed record NoteAddedEvent(NoteRow Note, string? AssignedAgentId, IReadOnlyList<string>? Mentioned = null) : ChatEvent;

/// <summary>A chat moved from one agent to another, with the note for the new agent. Agents only.</summary>
public sealed record ChatHandedOver(ConversationRow Conversation, string FromAgentId, string FromAgentName, string Note) : ChatEvent;

/// <summary>The customer's name or email changed; for the visitor's own connections, which cache them.</summary>
public sealed record CustomerChanged(string CustomerId) : ChatEvent;

/// <summary>A visitor reported the page they are on; for the agent of their open chat.</summary>
public sealed record VisitorPageReported(string CustomerId, string AgentId, VisitorPageRow Page) : ChatEvent;

/// <summary>A next action of this site was set, kept or moved: consoles of the site refresh their Due lists.</summary>
public sealed record NextActionChanged(string SiteId, string ConversationId) : ChatEvent;

/// <summary>A next action is due soon (<paramref name="Overdue"/> false) or past due: its owner is reminded.</summary>
public sealed record NextActionDue(NextActionRow Action, bool Overdue) : ChatEvent;
