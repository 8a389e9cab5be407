namespace Chat.AgentConsole.Coach;

/// <summary>
/// Advice on a draft reply, as the agent types: never a rule that blocks Send. The draft's
/// language (English or German) picks the wording of the advice; every language's phrases are
/// looked for, since a German agent may answer an English customer.
/// </summary>
public static class ReplyCoach
{
    private static readonly CoachLanguage[] Languages = [EnglishCoach.Language, GermanCoach.Language];

    /// <summary>Words that are not a name, as the pre-chat form or an identify() without one leaves them.</summary>
    private static readonly HashSet<string> NotNames = new(StringComparer.OrdinalIgnoreCase) { "Visitor", "Customer", "Guest", "Besucher", "Kunde", "Gast" };

    public static IReadOnlyList<CoachHint> Advise(string draft, CoachContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (string.IsNullOrWhiteSpace(draft) || draft.Trim().Length < 8)
        {
            return [];
        }

        var language = LanguageOf(draft);
        var hints = new List<CoachHint>();
        if (context.IsFirstReply && FirstName(context.CustomerName) is { } name && !draft.Contains(name, StringComparison.OrdinalIgnoreCase))
        {
            hints.Add(new CoachHint(CoachRules.NoName, language.NoNameHint));
        }

        if (Languages.Any(l => CoachRules.Finds(l.Doubting, draft)))
        {
            hints.Add(new CoachHint(CoachRules.Doubting, language.DoubtingHint));
        }

        if (Languages.Any(l => CoachRules.Finds(l.PassingTheBuck, draft)))
        {
            hints.Add(new CoachHint(CoachRules.PassingTheBuck, language.PassingTheBuckHint));
        }

        if (Languages.Any(l => CoachRules.Finds(l.OwnProblems, draft)))
        {
            hints.Add(new CoachHint(CoachRules.OwnProblems, language.OwnProblemsHint));
        }

        if (context.UnchangedCannedSends >= CoachRules.CannedRepeatsBeforeHint)
        {
            hints.Add(new CoachHint(CoachRules.CannedAgain, language.CannedAgainHint));
        }

        if (!context.HasOpenNextAction && Languages.Any(l => CoachRules.Finds(l.Promise, draft)))
        {
            hints.Add(new CoachHint(CoachRules.PromiseWithoutAction, language.PromiseHint, OffersNextAction: true));
        }

        return hints;
    }

    /// <summary>The customer's first name, or null when what we have is no name at all.</summary>
    public static string? FirstName(string customerName)
    {
        var first = (customerName ?? "").Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return first is null || first.Length < 2 || NotNames.Contains(first) || first.Contains('@', StringComparison.Ordinal) || first.Contains('•', StringComparison.Ordinal)
            ? null
            : first;
    }

    private static CoachLanguage LanguageOf(string draft) =>
        Languages.OrderByDescending(l => CoachRules.Count(l.LooksLikeThisLanguage, draft)).First();
}
