using System.Text.RegularExpressions;

namespace Chat.AgentConsole.Emoji;

/// <summary>
/// Turns <c>:smile:</c> into 😄 as the agent types. Only known names change: "10:30:45", a URL or
/// an unknown <c>:word:</c> stays exactly as typed.
/// </summary>
public static partial class Shortcodes
{
    [GeneratedRegex(@":([a-z0-9_+\-]{1,32}):")]
    private static partial Regex Shortcode();

    public static string Replace(string text) =>
        string.IsNullOrEmpty(text) || text.IndexOf(':', StringComparison.Ordinal) < 0
            ? text
            : Shortcode().Replace(text, m => EmojiSet.TryFind(m.Groups[1].Value, out var emoji) ? emoji : m.Value);
}
