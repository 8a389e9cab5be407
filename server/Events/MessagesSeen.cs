namespace Chat.Server.Events;

/// <summary>The agent has seen the conversation up to <paramref name="Seq"/>; the visitor's messages up to it show as seen.</summary>
public sealed record MessagesSeen(string ConversationId, string CustomerId, long Seq) : ChatEvent;
