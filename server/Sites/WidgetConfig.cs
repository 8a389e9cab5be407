namespace Chat.Server.Sites;

/// <summary>A site's widget settings beyond the basics of <see cref="Site"/>.</summary>
/// <param name="IdentitySecret">When set, identify() counts only with a valid HMAC of the id.</param>
/// <param name="EmailRequired">The pre-chat form asks for an email and will not go on without one.</param>
/// <param name="LauncherPosition">"right" or "left".</param>
public sealed record WidgetConfig(string? IdentitySecret, bool EmailRequired, BusinessHours Hours, string LauncherPosition)
{
    public static WidgetConfig Default { get; } = new(null, false, BusinessHours.AlwaysOpen, "right");

    /// <summary>Card numbers and IBANs are masked before anything is stored; on unless an admin turned it off.</summary>
    public bool MasksPrivateData { get; init; } = true;

    /// <summary>Agents see the visitor's live preview; when off, they see only that the visitor types.</summary>
    public bool TypingPreview { get; init; } = true;

    /// <summary>Offered after a 5-star rating; null is off.</summary>
    public string? ReviewUrl { get; init; }
}
