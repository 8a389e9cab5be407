using System.Text.RegularExpressions;
using Chat.AgentConsole.Port;
using Chat.Server.Conversations;

namespace Chat.Server.CannedReplies;

/// <summary>What a canned reply must look like before it is saved. Variables are checked here, not when sending, so a typo is caught by the admin who made it.</summary>
public static partial class CannedReplyRules
{
    public const int MaxShortcutLength = 32;

    [GeneratedRegex("^[A-Za-z0-9_-]+$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex ShortcutPattern();

    /// <summary>The shortcut without its slash: agents type "/thanks", admins may save "thanks" or "/thanks".</summary>
    public static string ValidateShortcut(string? shortcut)
    {
        var trimmed = (shortcut ?? "").Trim().TrimStart('/');
        if (trimmed.Length is 0 or > MaxShortcutLength || !ShortcutPattern().IsMatch(trimmed))
        {
            throw new ChatRuleException("canned_shortcut_invalid",
                $"A shortcut is 1 to {MaxShortcutLength} letters, digits, hyphens or underscores, such as /thanks.");
        }

        return trimmed;
    }

    public static string ValidateText(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ChatRuleException("canned_text_empty", "A canned reply needs some text.");
        }

        if (text.Length > MessageRules.MaxTextLength)
        {
            throw new ChatRuleException("canned_text_too_long", $"A canned reply can be at most {MessageRules.MaxTextLength} characters.");
        }

        var unknown = CannedTemplate.UnknownVariables(text);
        if (unknown.Count > 0)
        {
            var known = string.Join(", ", CannedTemplate.Variables.Select(v => $"{{{{{v}}}}}"));
            var names = string.Join(", ", unknown.Select(v => $"{{{{{v}}}}}"));
            throw new ChatRuleException("canned_variable_unknown",
                $"Unknown variable {names}. You can use {known}.");
        }

        if (CannedTemplate.HasStrayBraces(text))
        {
            throw new ChatRuleException("canned_text_invalid", "Every {{ needs a closing }} around a variable name.");
        }

        return text;
    }
}
