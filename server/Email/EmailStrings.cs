namespace Chat.Server.Email;

/// <summary>Every word an email says, in English and German; the visitor's browser language picks one.</summary>
public sealed record EmailStrings(
    string Lang,
    Func<string, string> Hello,
    Func<string, string, string> AnswerSubject,
    Func<string, string, string> AnswerIntro,
    Func<string, string> TranscriptSubject,
    Func<string, string> TranscriptIntro,
    Func<string, string, string> MovedSubject,
    Func<string, string, string, string> MovedIntro,
    string ReplyHint,
    string OpenChat,
    string ReplyAbove,
    string Visitor)
{
    /// <summary>Replies are cut at this line, whatever the mail program puts below it.</summary>
    public const string Marker = "##- - -##";

    public static readonly EmailStrings English = new(
        "en",
        name => $"Hello {name},",
        (agent, shop) => $"{agent} from {shop} answered your message",
        (agent, shop) => $"{agent} from {shop} wrote:",
        shop => $"Your conversation with {shop}",
        shop => $"Here is your conversation with {shop}, as you asked:",
        (agent, shop) => $"{agent} from {shop} will answer you by email",
        (agent, what, due) => $"{agent} will {what} by {due}. We will write to you here.",
        "Simply reply to this email, or continue in the chat:",
        "Open the chat",
        "Please write your reply above this line.",
        "You");

    public static readonly EmailStrings German = new(
        "de",
        name => $"Hallo {name},",
        (agent, shop) => $"{agent} von {shop} hat auf Ihre Nachricht geantwortet",
        (agent, shop) => $"{agent} von {shop} schreibt:",
        shop => $"Ihr Gespräch mit {shop}",
        shop => $"Hier ist Ihr Gespräch mit {shop}, wie gewünscht:",
        (agent, shop) => $"{agent} von {shop} antwortet Ihnen per E-Mail",
        (agent, what, due) => $"{agent} wird bis {due}: {what}. Wir schreiben Ihnen hier.",
        "Antworten Sie einfach auf diese E-Mail oder setzen Sie den Chat fort:",
        "Chat öffnen",
        "Bitte schreiben Sie Ihre Antwort über dieser Zeile.",
        "Sie");

    /// <summary>"de", "de-AT" or an Accept-Language list starting with German is German; anything else English.</summary>
    public static EmailStrings For(string? language) => Normalize(language) == "de" ? German : English;

    /// <summary>The first language of an Accept-Language header (or a tag) as "en" or "de"; null when it is neither.</summary>
    public static string? Normalize(string? language)
    {
        if (string.IsNullOrWhiteSpace(language))
        {
            return null;
        }

        var first = language.Split(',')[0].Split(';')[0].Trim();
        var primary = first.Split('-', '_')[0].ToLowerInvariant();
        return primary is "de" or "en" ? primary : null;
    }
}
