using System.Text.RegularExpressions;

namespace Chat.AgentConsole.Coach;

/// <summary>
/// Reads the customer's mood from what they wrote: angry words, shouting in capitals, "!!" or
/// "??", "third time", "still waiting", in English and German. A cue raises the chat's urgency
/// one step and tells the agent; it is a hint to read with care, never a verdict.
/// </summary>
public static class MoodCue
{
    private static readonly Regex English = CoachRules.Phrases(
        @"\b(?:ridiculous|unacceptable|terrible|awful|disgusting|furious|angry|outrageous|useless|rubbish|scam|worst|pathetic|joke)\b",
        @"\bfed up\b", @"\bwaste of (?:time|money)\b", @"\bnever again\b",
        @"\b(?:third|3rd|fourth|4th|fifth|5th) time\b", @"\bstill (?:waiting|haven'?t|hasn'?t|not|no)\b", @"\bagain and again\b");

    private static readonly Regex German = CoachRules.Phrases(
        @"\b(?:unverschämt|unmöglich|frechheit|katastrophe|katastrophal|lächerlich|inakzeptabel|sauer|wütend|betrug|abzocke|miserabel|schlechteste)\b",
        @"\bnie wieder\b", @"\b(?:zum )?(?:dritten|vierten|fünften) mal\b", @"\bdritte mal\b",
        @"\b(?:warte|warten) (?:immer noch|noch immer|seit tagen)\b", @"\bimmer noch (?:nicht|kein|keine)\b", @"\bschon wieder\b");

    private static readonly Regex RepeatedMarks = new("[!?]{2,}", RegexOptions.CultureInvariant, CoachRules.MatchTimeout);

    private static readonly Regex ShoutedWord = new(@"\b\p{Lu}{3,}\b", RegexOptions.CultureInvariant, CoachRules.MatchTimeout);

    /// <summary>Why the customer seems upset, or null when nothing says so.</summary>
    public static string? Detect(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (CoachRules.Finds(English, text) || CoachRules.Finds(German, text))
        {
            return "angry words";
        }

        if (Shouting(text))
        {
            return "all capitals";
        }

        return CoachRules.Finds(RepeatedMarks, text) ? "repeated ! or ?" : null;
    }

    /// <summary>Mostly capitals over several words; "USB-C" and "HDMI" in a calm sentence are not shouting.</summary>
    private static bool Shouting(string text)
    {
        var letters = text.Where(char.IsLetter).ToList();
        var shoutedWords = CoachRules.Count(ShoutedWord, text);
        return letters.Count >= 10 && shoutedWords >= 2 && letters.Count(char.IsUpper) >= letters.Count * 0.7;
    }
}
