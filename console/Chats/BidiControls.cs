namespace Chat.AgentConsole.Chats;

/// <summary>
/// Explicit direction controls (embeddings, overrides, isolates) drawn as a visible mark instead
/// of obeyed: "abc&lt;RLO&gt;gnp.exe" would otherwise read as "abcexe.png". Text is stored as sent;
/// only its display changes. Direction marks (LRM, RLM), which right-to-left writers use, are kept.
/// </summary>
public static class BidiControls
{
    public const char Shown = '\uFFFD';

    public static string Neutralize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.AsSpan().IndexOfAny(Controls) < 0 ? text : string.Create(text.Length, text, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = Controls.Contains(source[i]) ? Shown : source[i];
            }
        });
    }

    private static readonly System.Buffers.SearchValues<char> Controls =
        System.Buffers.SearchValues.Create("\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069");
}
