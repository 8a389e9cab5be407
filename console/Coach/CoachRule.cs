using System.Text.RegularExpressions;

namespace Chat.AgentConsole.Coach;

/// <summary>What the reply coach looks at besides the draft.</summary>
/// <param name="IsFirstReply">No agent has answered in this chat yet.</param>
/// <param name="HasOpenNextAction">The chat has a next action not yet kept.</param>
/// <param name="UnchangedCannedSends">How often this agent already sent the draft, unchanged, as a canned reply in this session; 0 when the draft is not one.</param>
public sealed record CoachContext(bool IsFirstReply, string CustomerName, bool HasOpenNextAction, int UnchangedCannedSends = 0);

/// <summary>One piece of advice beside the composer. <paramref name="OffersNextAction"/>: it comes with a button to set one.</summary>
public sealed record CoachHint(string Rule, string Text, bool OffersNextAction = false);

/// <summary>The rules of the coach, by id; each language's file words and detects them in its own way.</summary>
public static class CoachRules
{
    public const string NoName = "no_name";
    public const string Doubting = "doubting";
    public const string PassingTheBuck = "passing_the_buck";
    public const string OwnProblems = "own_problems";
    public const string CannedAgain = "canned_again";
    public const string PromiseWithoutAction = "promise_without_action";

    public static readonly IReadOnlyList<string> All = [NoName, Doubting, PassingTheBuck, OwnProblems, CannedAgain, PromiseWithoutAction];

    /// <summary>A canned reply sent unchanged this often already earns a nudge towards a personal touch.</summary>
    public const int CannedRepeatsBeforeHint = 2;

    internal static Regex Phrases(params string[] patterns) =>
        new($"(?:{string.Join('|', patterns)})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, MatchTimeout);

    /// <summary>
    /// Generous, because a busy server may pause any match for a while; a hostile draft still
    /// cannot hold a circuit for long.
    /// </summary>
    internal static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Advice is never worth an error: a match that runs out of time counts as no match.</summary>
    internal static bool Finds(Regex phrases, string text)
    {
        try
        {
            return phrases.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    internal static int Count(Regex phrases, string text)
    {
        try
        {
            return phrases.Count(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return 0;
        }
    }
}

/// <summary>A language's phrases and the advice it gives, in that language.</summary>
public sealed record CoachLanguage(
    string Name,
    Regex Doubting,
    Regex PassingTheBuck,
    Regex OwnProblems,
    Regex Promise,
    Regex LooksLikeThisLanguage,
    string NoNameHint,
    string DoubtingHint,
    string PassingTheBuckHint,
    string OwnProblemsHint,
    string CannedAgainHint,
    string PromiseHint);
