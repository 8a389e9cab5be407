namespace Chat.AgentConsole.Emoji;

/// <summary>
/// The emoji the console offers: a short list that covers what support chats use (thanks, sorry,
/// celebrating, a thumbs up), each with the Slack-style shortcode agents already know.
/// </summary>
public static class EmojiSet
{
    public static IReadOnlyList<(string Shortcode, string Emoji)> All { get; } =
    [
        ("smile", "😄"), ("slightly_smiling_face", "🙂"), ("grin", "😁"), ("joy", "😂"), ("wink", "😉"),
        ("blush", "😊"), ("heart_eyes", "😍"), ("thinking", "🤔"), ("neutral_face", "😐"), ("confused", "😕"),
        ("worried", "😟"), ("cry", "😢"), ("sweat_smile", "😅"), ("pray", "🙏"), ("thumbsup", "👍"),
        ("+1", "👍"), ("thumbsdown", "👎"), ("-1", "👎"), ("clap", "👏"), ("wave", "👋"),
        ("ok_hand", "👌"), ("raised_hands", "🙌"), ("muscle", "💪"), ("heart", "❤️"), ("tada", "🎉"),
        ("sparkles", "✨"), ("fire", "🔥"), ("star", "⭐"), ("white_check_mark", "✅"), ("x", "❌"),
        ("warning", "⚠️"), ("eyes", "👀"), ("rocket", "🚀"), ("gift", "🎁"), ("package", "📦"),
        ("truck", "🚚"), ("credit_card", "💳"), ("email", "📧"), ("phone", "📞"), ("coffee", "☕"),
    ];

    /// <summary>One entry per emoji for the picker (aliases such as +1 are for typing only).</summary>
    public static IReadOnlyList<(string Shortcode, string Emoji)> Picker { get; } =
        [.. All.GroupBy(e => e.Emoji).Select(g => g.First())];

    private static readonly Dictionary<string, string> ByShortcode = All.ToDictionary(e => e.Shortcode, e => e.Emoji, StringComparer.Ordinal);

    public static bool TryFind(string shortcode, out string emoji) => ByShortcode.TryGetValue(shortcode, out emoji!);
}
