using System.ComponentModel;
using System.Text.Json;

namespace Chat.Server.Api;

/// <summary>A page of a list. Pass <see cref="Next"/> as <c>cursor</c> for the next page; null on the last one.</summary>
public sealed record ApiPage<T>(
    [property: Description("The items of this page, in the list's order.")] IReadOnlyList<T> Items,
    [property: Description("The cursor of the next page, or null when this is the last.")] string? Next);

/// <summary>A conversation between a customer and the site's agents.</summary>
public sealed record ApiConversation(
    [property: Description("Opaque id.")] string Id,
    [property: Description("queued, open, resolved or follow_up (a message left while nobody was online).")] string Status,
    string CustomerId,
    [property: Description("The agent who has it, if any.")] string? AgentId,
    string? AgentName,
    DateTimeOffset CreatedAt,
    DateTimeOffset? AssignedAt,
    DateTimeOffset? ResolvedAt,
    [property: Description("1 to 5 once the customer rated it.")] int? Rating,
    string? RatingComment,
    [property: Description("Sequence number of its latest message; GET its messages after a sequence to catch up.")] long LastSeq,
    [property: Description("Its tags (only on GET of one conversation).")] IReadOnlyList<string>? Tags);

/// <summary>A message in a conversation, in sequence order.</summary>
public sealed record ApiMessage(
    string ConversationId,
    [property: Description("Gapless and increasing per conversation.")] long Seq,
    [property: Description("The sender's own id of the message; a retry with the same id returns the first message.")] string ClientId,
    [property: Description("visitor, agent or system.")] string Sender,
    string? SenderId,
    string SenderName,
    [property: Description("Plain text, as sent (card numbers and IBANs masked). Render it as text, never as HTML.")] string Text,
    DateTimeOffset CreatedAt);

/// <summary>An internal note: agents see it, the customer never does.</summary>
public sealed record ApiNote(string ConversationId, string ClientId, string AuthorName, string Text, DateTimeOffset CreatedAt);

/// <summary>A customer of the site, with their custom attributes.</summary>
public sealed record ApiCustomer(
    string Id,
    string Name,
    string? Email,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    long Visits,
    [property: Description("Custom attributes by name: text, number or boolean, as the site declared them.")] IReadOnlyDictionary<string, JsonElement> Attributes);

/// <summary>An agent of the site and whether they can take chats now.</summary>
public sealed record ApiAgent(
    string Id,
    string Name,
    string Role,
    [property: Description("online, away or offline.")] string Presence,
    [property: Description("Chats they have open.")] int Load,
    [property: Description("Chats they take at once.")] int Capacity);

/// <summary>A promise on a conversation (or a complaint to turn round): what, who, by when.</summary>
public sealed record ApiNextAction(
    string Id,
    string ConversationId,
    [property: Description("promise or complaint.")] string Kind,
    string What,
    string OwnerId,
    string OwnerName,
    DateTimeOffset DueAt,
    DateTimeOffset? DoneAt,
    string? Outcome);

/// <summary>An agent's reply, sent as the given agent (default: the conversation's agent).</summary>
public sealed record SendMessageRequest(
    [property: Description("Your id of this message, 1 to 64 characters; a retry with the same id returns the first message.")] string ClientId,
    [property: Description("Up to 4,000 characters of plain text.")] string Text,
    [property: Description("The agent to send as; must have the conversation. Defaults to its agent.")] string? AgentId = null);

/// <summary>An internal note by an agent of the site.</summary>
public sealed record AddNoteRequest(
    [property: Description("Your id of this note; a retry with the same id returns the first note.")] string ClientId,
    string Text,
    [property: Description("The agent the note is written by.")] string AgentId);

/// <summary>Give a waiting conversation to an agent of the site (counted against their capacity).</summary>
public sealed record AssignRequest(string AgentId);

/// <summary>Move an open conversation from its agent to another, with a note for them.</summary>
public sealed record TransferRequest(string ToAgentId, string? Note = null);

/// <summary>Open a resolved conversation again, with the agent who resolved it.</summary>
public sealed record ReopenRequest(string? AgentId = null);

/// <summary>A tag for the conversation, e.g. "refund".</summary>
public sealed record TagRequest(string Tag);

/// <summary>
/// Changes to a customer. Null leaves a field as it is. Attributes are merged: a null value
/// removes that attribute.
/// </summary>
public sealed record UpdateCustomerRequest(
    string? Name = null,
    string? Email = null,
    [property: Description("Attributes to set (text, number or boolean as declared), or null to remove one.")] Dictionary<string, JsonElement>? Attributes = null);
