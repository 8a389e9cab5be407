using System.Net.Mail;

namespace Chat.Server.Customers;

/// <summary>Checks what a visitor types into the pre-chat form.</summary>
public static class VisitorInput
{
    public const int MaxNameLength = 100;
    public const int MaxEmailLength = 254;

    public static (string Name, string? Email) Validate(string? name, string? email) => (ValidateName(name), ValidateEmail(email));

    public static string ValidateName(string? name)
    {
        var trimmedName = DirectionOverrides.Strip(name ?? "").Trim();
        if (trimmedName.Length == 0)
        {
            throw new ChatRuleException("name_required", "Please tell us your name.");
        }

        if (trimmedName.Length > MaxNameLength)
        {
            throw new ChatRuleException("name_too_long", $"A name can be at most {MaxNameLength} characters.");
        }

        return trimmedName;
    }

    /// <summary>The trimmed email, or null when none was given.</summary>
    public static string? ValidateEmail(string? email)
    {
        var trimmedEmail = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        if (trimmedEmail is not null && (trimmedEmail.Length > MaxEmailLength || !LooksLikeEmail(trimmedEmail)))
        {
            throw new ChatRuleException("email_invalid", "That email address does not look right.");
        }

        return trimmedEmail;
    }

    public static ChatRuleException EmailRequired() => new("email_required", "Please give your email address so we can answer you.");

    private static bool LooksLikeEmail(string email) =>
        MailAddress.TryCreate(email, out var parsed) && parsed.Address == email && email.Contains('.', StringComparison.Ordinal);
}
