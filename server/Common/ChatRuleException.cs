namespace Chat.Server;

/// <summary>
/// A request the rules refuse (bad input, someone else's conversation, a closed chat).
/// <see cref="Code"/> is stable for clients; the message is a sentence for people.
/// Thrown before anything is written, so a refusal never changes state.
/// </summary>
public sealed class ChatRuleException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
