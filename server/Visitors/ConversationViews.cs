using Chat.Server.Conversations;
using Chat.Server.NextActions;
using Chat.Server.Routing;

namespace Chat.Server.Visitors;

/// <summary>Builds the widget's view of a conversation: place in line, expected wait and how far the agent has read.</summary>
public sealed class ConversationViews(Assignments assignments, WaitEstimates waits, SeenMarks seen, NextActionStore actions)
{
    /// <param name="knownPosition">The place in line when the caller already knows it; else the router is asked.</param>
    public async Task<ConversationView> ForVisitorAsync(ConversationRow conversation, int? knownPosition, CancellationToken ct)
    {
        var position = knownPosition ?? await assignments.PositionAsync(conversation, ct);
        var wait = conversation.Status == ConversationStatus.Queued ? await waits.SecondsAsync(conversation.SiteId, position, ct) : null;
        return ConversationView.From(conversation, position, await seen.SeenSeqAsync(conversation.Id, ct), wait) with
        {
            NextActions = [.. (await actions.ForConversationAsync(conversation.Id, ct)).Select(NextActionView.From)],
        };
    }
}

/// <summary>The "seen" event: the agent has seen the conversation up to <paramref name="Seq"/>.</summary>
public sealed record SeenView(string ConversationId, long Seq);
