namespace Chat.AgentConsole.Chats;

public enum ComposerMode { Reply, Note }

/// <summary>
/// Unsent text per chat and per mode, for the life of the console tab: switching chats
/// keeps what the agent was writing to each customer, and a half-written note apart from
/// a half-written reply.
/// </summary>
public sealed class Drafts
{
    private readonly Dictionary<(string ConversationId, ComposerMode Mode), string> _texts = [];

    public string Get(string conversationId, ComposerMode mode) =>
        _texts.GetValueOrDefault((conversationId, mode), "");

    public void Set(string conversationId, ComposerMode mode, string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            _texts.Remove((conversationId, mode));
        }
        else
        {
            _texts[(conversationId, mode)] = text;
        }
    }

    /// <summary>True when the agent has unsent text for this chat.</summary>
    public bool Has(string conversationId) =>
        _texts.ContainsKey((conversationId, ComposerMode.Reply)) || _texts.ContainsKey((conversationId, ComposerMode.Note));
}
