namespace Chat.AgentConsole.Coach;

/// <summary>Die Regeln des Antwort-Coachs für Antworten auf Deutsch.</summary>
public static class GermanCoach
{
    public static CoachLanguage Language { get; } = new(
        "de",
        Doubting: CoachRules.Phrases(
            @"\bes tut mir leid, dass sie (?:das gefühl haben|denken|meinen|glauben)\b",
            @"\btut mir leid, (?:falls|wenn) (?:es|das) (?:so )?(?:scheint|aussieht|wirkt)\b",
            @"\bes tut mir leid, falls sie\b"),
        PassingTheBuck: CoachRules.Phrases(
            @"\bwenden sie sich (?:bitte )?an (?:unseren |den |unsere )?(?:kundenservice|support|kundendienst|hotline)\b",
            @"\bfragen sie (?:meinen|ihren|einen) (?:chef|vorgesetzten|manager)\b",
            @"\bnicht (?:meine|unsere) abteilung\b",
            @"\b(?:dafür )?(?:bin ich|sind wir) nicht zuständig\b",
            @"\b(?:siehe|lesen sie|schauen sie in) (?:unsere |die )?FAQ\b(?![^\n]*https?://)"),
        OwnProblems: CoachRules.Phrases(
            @"\bwir haben (?:gerade |heute |im moment )?(?:sehr |so |extrem )?viel zu tun\b",
            @"\bunser (?:system|computer|server) (?:ist|spinnt|hängt)\b",
            @"\bwir sind (?:gerade |total |völlig )?(?:überlastet|unterbesetzt)\b"),
        Promise: CoachRules.Phrases(
            @"\bich melde mich\b",
            @"\bich (?:schicke|sende|schreibe|maile) ihnen\b",
            @"\bich rufe sie\b",
            @"\bich gebe ihnen bescheid\b",
            @"\bsie hören (?:bis|morgen|heute|von mir)\b"),
        LooksLikeThisLanguage: CoachRules.Phrases(@"\b(?:der|die|das|und|ist|sie|ihnen|ich|wir|nicht|bitte|danke)\b"),
        NoNameHint: "Erste Antwort: sprechen Sie den Kunden mit Namen an.",
        DoubtingHint: "Das klingt, als zweifelten Sie an ihm. Entschuldigen Sie sich für das Geschehene, nicht für sein Gefühl.",
        PassingTheBuckHint: "Nicht weiterschicken: übernehmen Sie selbst oder übergeben Sie den Chat (Transfer). Zu den FAQ gehört der Link.",
        OwnProblemsHint: "Unsere eigenen Probleme gehören nicht hierher: der Kunde kam mit seinem.",
        CannedAgainHint: "Diese Textvorlage ging mehrmals unverändert hinaus: geben Sie ihr eine persönliche Note.",
        PromiseHint: "Sie versprechen etwas: legen Sie eine nächste Aktion an, damit es gehalten wird.");
}
