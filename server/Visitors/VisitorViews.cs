using Chat.Server.Conversations;
using Chat.Server.NextActions;

namespace Chat.Server.Visitors;

/// <summary>A message as the widget sees it.</summary>
public sealed record MessageView(
    string ConversationId, string ClientId, long Seq, string Sender, string SenderName, string Text, DateTimeOffset CreatedAt)
{
    public static MessageView From(MessageRow m) =>
        new(m.ConversationId, m.ClientId, m.Seq, m.Sender, m.SenderName, m.Text, Clock.FromMs(m.CreatedAt));
}

/// <summary>A conversation as the widget sees it.</summary>
/// <param name="SeenSeq">The agent has seen the conversation up to this seq.</param>
/// <param name="ExpectedWaitSeconds">While queued: a rough guide to the wait, in whole minutes.</param>
public sealed record ConversationView(
    string Id, string Status, string? AgentName, int? QueuePosition, int? Rating, string? RatingComment,
    long SeenSeq, int? ExpectedWaitSeconds)
{
    public static ConversationView From(ConversationRow c, int? queuePosition, long seenSeq = 0, int? expectedWaitSeconds = null) =>
        new(c.Id, c.Status, c.AgentName, queuePosition, (int?)c.Rating, c.RatingComment, seenSeq, expectedWaitSeconds);

    /// <summary>What the team promised to do next, open ones first; kept ones say what was done.</summary>
    public IReadOnlyList<NextActionView> NextActions { get; init; } = [];
}

/// <summary>A promise as the visitor reads it: "<paramref name="OwnerName"/> will <paramref name="What"/> by <paramref name="DueAt"/>".</summary>
/// <param name="DoneAt">Set once it was kept; <paramref name="Outcome"/> then says what was done.</param>
/// <param name="Kind">"promise", or "complaint" for the follow-up a low rating opened (the widget words it itself).</param>
public sealed record NextActionView(string Id, string Kind, string What, string OwnerName, DateTimeOffset DueAt, DateTimeOffset? DoneAt, string? Outcome)
{
    public static NextActionView From(NextActionRow a) =>
        new(a.Id, a.Kind, a.What, a.OwnerName, Clock.FromMs(a.DueAt), a.DoneAt is { } done ? Clock.FromMs(done) : null, a.Outcome);
}

public sealed record CustomerView(string Id, string Name, string? Email);

/// <summary>What a returning visitor gets back: who they are and their latest conversation in full.</summary>
public sealed record VisitorState(CustomerView Customer, ConversationView? Conversation, IReadOnlyList<MessageView> Messages);

public sealed record TypingView(string ConversationId, string AgentName, bool IsTyping);

public sealed record SendRequest(string? ConversationId, string? ClientId, string? Text);

public sealed record ConversationRequest(string? ConversationId);

public sealed record GetMessagesRequest(string? ConversationId, long AfterSeq);

public sealed record TypingRequest(string? ConversationId, string? Text);

public sealed record RateRequest(string? ConversationId, int Rating, string? Comment);

public sealed record ReportPageRequest(string? Url, string? Title, string? TimeZone);
