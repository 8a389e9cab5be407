using Chat.AgentConsole.Port;

namespace Chat.AgentConsole.Chats;

/// <summary>Moves a "My chats" row forward by one live message, the way the server would.</summary>
public static class ChatSummaryUpdate
{
    private const int PreviewLength = 80;

    public static ChatSummary WithMessage(ChatSummary summary, ChatMessage message)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(message);

        // Events may repeat or arrive late; the row already reflects anything at or below LastSeq.
        if (message.Seq <= summary.LastSeq)
        {
            return summary;
        }

        var waitingSince = message.Sender switch
        {
            // The oldest unanswered visitor message sets the clock; later ones do not reset it.
            SenderKind.Visitor => summary.WaitingSince ?? message.CreatedAt,
            SenderKind.Agent => null,
            _ => summary.WaitingSince,
        };

        return summary with
        {
            // A system line (a transfer, a chat handed back) is no preview of what the customer wants.
            LastMessagePreview = message.Sender == SenderKind.System ? summary.LastMessagePreview : Preview(message.Text),
            LastMessageAt = message.CreatedAt,
            WaitingSince = waitingSince,
            LastSeq = message.Seq,
        };
    }

    public static string Preview(string text)
    {
        var oneLine = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return oneLine.Length <= PreviewLength ? oneLine : string.Concat(oneLine.AsSpan(0, PreviewLength - 1), "…");
    }
}
