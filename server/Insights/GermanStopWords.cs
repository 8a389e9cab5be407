namespace Chat.Server.Insights;

/// <summary>German words that carry no topic of their own; left out of the first-message phrases.</summary>
internal static class GermanStopWords
{
    public static readonly IReadOnlySet<string> Words = new HashSet<string>(StringComparer.Ordinal)
    {
        "aber", "alle", "allem", "allen", "aller", "alles", "als", "also", "am", "an", "ander", "andere", "auch", "auf",
        "aus", "bei", "bin", "bis", "bist", "bitte", "da", "damit", "dann", "das", "dass", "dein", "deine", "dem", "den",
        "denn", "der", "des", "desto", "dich", "die", "dies", "diese", "diesem", "diesen", "dieser", "dieses", "dir",
        "doch", "dort", "du", "durch", "ein", "eine", "einem", "einen", "einer", "eines", "er", "es", "etwas", "euch",
        "euer", "eure", "für", "gibt", "guten", "hab", "habe", "haben", "hallo", "hat", "hatte", "hier", "hin", "hinter",
        "ich", "ihm", "ihn", "ihnen", "ihr", "ihre", "im", "in", "ist", "ja", "jetzt", "kann", "kein", "keine", "können",
        "könnte", "man", "mein", "meine", "meinem", "meinen", "meiner", "mich", "mir", "mit", "muss", "nach", "nein",
        "nicht", "noch", "nun", "nur", "ob", "oder", "ohne", "schon", "sehr", "sein", "seine", "sich", "sie", "sind",
        "so", "soll", "tag", "über", "um", "und", "uns", "unser", "unsere", "unter", "vom", "von", "vor", "war", "waren",
        "warum", "was", "weil", "wenn", "wer", "werde", "werden", "wie", "wieder", "will", "wir", "wird", "wo", "wurde",
        "zu", "zum", "zur", "danke", "gerne", "mal",
    };
}
