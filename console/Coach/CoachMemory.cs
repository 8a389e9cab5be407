namespace Chat.AgentConsole.Coach;

/// <summary>What the coach remembers for one console: how often each canned reply went out unchanged.</summary>
public sealed class CoachMemory
{
    private readonly Dictionary<string, int> _unchangedCannedSends = new(StringComparer.Ordinal);

    public int UnchangedSends(string text) => _unchangedCannedSends.GetValueOrDefault(text.Trim());

    public void SentUnchanged(string text) => _unchangedCannedSends[text.Trim()] = UnchangedSends(text) + 1;
}
