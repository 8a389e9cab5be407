namespace Chat.AgentConsole.Coach;

/// <summary>The reply coach's rules for replies in English.</summary>
public static class EnglishCoach
{
    public static CoachLanguage Language { get; } = new(
        "en",
        Doubting: CoachRules.Phrases(
            @"\bI'?m sorry (?:that )?you feel\b",
            @"\bI am sorry (?:that )?you feel\b",
            @"\bsorry (?:that |if )?it (?:appears|seems|looks like)\b",
            @"\bsorry if you (?:feel|think|were)\b",
            @"\bsorry (?:that )?you think\b"),
        PassingTheBuck: CoachRules.Phrases(
            @"\bcontact (?:our |the )?(?:customer )?(?:support|service|help ?desk)\b",
            @"\bask (?:my|your|a) (?:manager|supervisor|boss)\b",
            @"\bnot my (?:department|job|area|responsibility)\b",
            @"\b(?:see|check|read) (?:our|the) FAQs?\b(?![^\n]*https?://)"),
        OwnProblems: CoachRules.Phrases(
            // "We are busy packing your order" is good news, not a complaint of ours.
            @"\bwe(?:'re| are) (?:really |very |so |super )?(?:busy(?! +\w+ing\b| +with\b)|swamped|short[- ]staffed|understaffed)\b",
            @"\bour (?:system|systems|website|computer)s? (?:is|are) (?:down|slow|broken|playing up)\b",
            @"\bwe(?:'re| are) having (?:a bad day|a hard time|problems)\b"),
        Promise: CoachRules.Phrases(
            @"\bI'?ll get back to you\b",
            @"\bI will get back to you\b",
            @"\bI(?:'ll| will) (?:email|e-mail|call|ring|send|write to|text) you\b",
            @"\bI(?:'ll| will) (?:check|find out|look into it) and (?:let you know|come back)\b",
            @"\bI(?:'ll| will) let you know\b"),
        LooksLikeThisLanguage: CoachRules.Phrases(@"\b(?:the|you|your|and|is|we|I|to|please|thanks?)\b"),
        NoNameHint: "First reply: greet the customer by name.",
        DoubtingHint: "This sounds as if you doubt them. Say sorry for what happened, not for how they feel.",
        PassingTheBuckHint: "Don't pass them on: take it on yourself, or hand the chat over (Transfer). A FAQ needs its link.",
        OwnProblemsHint: "Keep our own problems out of it: the customer came with theirs.",
        CannedAgainHint: "You sent this canned reply unchanged several times: add a personal touch.",
        PromiseHint: "You are promising something: set a next action so it is kept.");
}
