using System.Net.Mail;

namespace Chat.Server.Agents;

/// <summary>What an admin may save about an agent.</summary>
public static class AgentRules
{
    public const int MaxNameLength = 100;
    public const int MaxEmailLength = 254;
    public const int MaxAvatarUrlLength = 500;
    public const int MaxCapacity = 50;

    public static string ValidateEmail(string? email)
    {
        var trimmed = (email ?? "").Trim();
        return trimmed.Length <= MaxEmailLength && MailAddress.TryCreate(trimmed, out var parsed) && parsed.Address == trimmed
            ? trimmed
            : throw new ChatRuleException("email_invalid", "That email address does not look right.");
    }

    public static string ValidateName(string? name)
    {
        var trimmed = DirectionOverrides.Strip(name ?? "").Trim();
        return trimmed.Length is > 0 and <= MaxNameLength
            ? trimmed
            : throw new ChatRuleException("agent_name_invalid", $"A name is 1 to {MaxNameLength} characters.");
    }

    /// <summary>An avatar is an http(s) picture address, or nothing for initials.</summary>
    public static string? ValidateAvatarUrl(string? url)
    {
        var trimmed = string.IsNullOrWhiteSpace(url) ? null : url.Trim();
        if (trimmed is null)
        {
            return null;
        }

        return trimmed.Length <= MaxAvatarUrlLength && Uri.TryCreate(trimmed, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? trimmed
            : throw new ChatRuleException("avatar_url_invalid", "An avatar is a full http or https address of a picture.");
    }

    public static string ValidateRole(string? role) =>
        role is AgentRoles.Admin or AgentRoles.Agent
            ? role
            : throw new ChatRuleException("role_invalid", "A role is admin or agent.");

    public static int ValidateCapacity(int capacity) =>
        capacity is >= 1 and <= MaxCapacity
            ? capacity
            : throw new ChatRuleException("capacity_invalid", $"Capacity is how many chats at once: 1 to {MaxCapacity}.");
}
