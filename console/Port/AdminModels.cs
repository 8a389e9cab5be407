namespace Chat.AgentConsole.Port;

/// <summary>A site as admins edit it.</summary>
/// <param name="AllowedOrigins">Origins such as https://shop.example.com whose pages may show the widget.</param>
/// <param name="Color">The widget's colour as #rrggbb.</param>
/// <param name="BusinessHours">When the team answers, such as <c>mon-fri 09:00-17:00, sat 10:00-14:00</c>; empty means always open.</param>
/// <param name="TimeZone">The IANA time zone the hours are in, such as Europe/Vienna.</param>
public sealed record SiteSettings(
    string Id,
    string SiteKey,
    string Name,
    IReadOnlyList<string> AllowedOrigins,
    string Color,
    string Greeting,
    WaitThresholds Thresholds,
    string BusinessHours = "",
    string TimeZone = "UTC")
{
    /// <summary>Admins of this site must sign in with a second factor before they can change anything.</summary>
    public bool RequireTwoFactorForAdmins { get; init; }
    /// <summary>Card numbers and IBANs are masked before anything is stored (the privacy guard); on unless turned off.</summary>
    public bool MaskPrivateData { get; init; } = true;

    /// <summary>Hours the team has to turn a complaint round (a rating of 1 or 2, or a complaint tag).</summary>
    public int ComplaintHours { get; init; } = 24;

    /// <summary>Agents see what a visitor types before sending; the widget tells the visitor so.</summary>
    public bool TypingPreview { get; init; } = true;

    /// <summary>An http(s) review or referral page offered after a 5-star rating; null is off.</summary>
    public string? ReviewUrl { get; init; }

    /// <summary>Resolved conversations older than this many days are erased; null keeps them.</summary>
    public int? RetentionDays { get; init; }
}

/// <summary>An agent as admins edit them. <paramref name="SiteIds"/> are the sites they answer for.</summary>
public sealed record AgentAccount(
    string Id,
    string Email,
    string Name,
    string? AvatarUrl,
    string Role,
    int Capacity,
    IReadOnlyList<string> SiteIds)
{
    /// <summary>A disabled agent cannot sign in, and their chats went back to the line; an admin can enable them again.</summary>
    public bool Disabled { get; init; }

    /// <summary>Until when the account is locked after too many wrong passwords; null when it is not.</summary>
    public DateTimeOffset? LockedUntil { get; init; }
}

/// <summary>A new agent and the password to hand them; it is not stored in clear and is shown only now.</summary>
public sealed record CreatedAgent(AgentAccount Agent, string Password);
