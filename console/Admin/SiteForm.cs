using System.Globalization;
using Chat.AgentConsole.Port;

namespace Chat.AgentConsole.Admin;

/// <summary>A site as its form edits it: origins one per line, waits in minutes.</summary>
public sealed class SiteForm
{
    public string Id { get; set; } = "";

    public string SiteKey { get; set; } = "";

    public string Name { get; set; } = "";

    public string Origins { get; set; } = "";

    public string Color { get; set; } = "#4f46e5";

    public string Greeting { get; set; } = "Hi! How can we help you today?";

    public string BusinessHours { get; set; } = "";

    public string TimeZone { get; set; } = "UTC";

    public bool MaskPrivateData { get; set; } = true;

    public int ComplaintHours { get; set; } = 24;

    public bool TypingPreview { get; set; } = true;

    public string ReviewUrl { get; set; } = "";

    /// <summary>Days resolved conversations are kept; empty keeps them.</summary>
    public int? RetentionDays { get; set; }

    public decimal WarnMinutes { get; set; } = 1;

    public decimal UrgentMinutes { get; set; } = 3;

    /// <summary>The first-reply target in minutes; empty is none.</summary>
    public decimal? TargetMinutes { get; set; }

    public bool RequireTwoFactorForAdmins { get; set; }

    public bool IsNew => Id.Length == 0;

    public static SiteForm From(SiteSettings site)
    {
        ArgumentNullException.ThrowIfNull(site);
        return new()
        {
            Id = site.Id,
            SiteKey = site.SiteKey,
            Name = site.Name,
            Origins = string.Join('\n', site.AllowedOrigins),
            Color = site.Color,
            Greeting = site.Greeting,
            BusinessHours = site.BusinessHours,
            TimeZone = site.TimeZone,
            WarnMinutes = Minutes(site.Thresholds.Warn),
            UrgentMinutes = Minutes(site.Thresholds.Urgent),
            TargetMinutes = site.Thresholds.FirstReplyTarget is { } target ? Minutes(target) : null,
            RequireTwoFactorForAdmins = site.RequireTwoFactorForAdmins,
            MaskPrivateData = site.MaskPrivateData,
            ComplaintHours = site.ComplaintHours,
            TypingPreview = site.TypingPreview,
            ReviewUrl = site.ReviewUrl ?? "",
            RetentionDays = site.RetentionDays,
        };
    }

    public SiteSettings ToSettings() => new(
        Id,
        SiteKey,
        Name,
        Origins.Split(['\n', '\r', ' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        Color,
        Greeting,
        new WaitThresholds(TimeSpan.FromMinutes((double)WarnMinutes), TimeSpan.FromMinutes((double)UrgentMinutes))
        {
            FirstReplyTarget = TargetMinutes is { } target ? TimeSpan.FromMinutes((double)target) : null,
        },
        BusinessHours.Trim(),
        TimeZone.Trim())
    {
        RequireTwoFactorForAdmins = RequireTwoFactorForAdmins,
        MaskPrivateData = MaskPrivateData,
        ComplaintHours = ComplaintHours,
        TypingPreview = TypingPreview,
        ReviewUrl = string.IsNullOrWhiteSpace(ReviewUrl) ? null : ReviewUrl.Trim(),
        RetentionDays = RetentionDays,
    };

    /// <summary>The tag a shop owner pastes, for this site.</summary>
    public string Snippet(string serverOrigin) =>
        $"<script src=\"{serverOrigin.TrimEnd('/')}/widget.js\" data-site=\"{SiteKey}\" async></script>";

    private static decimal Minutes(TimeSpan t) => Math.Round((decimal)t.TotalMinutes, 2);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name} ({SiteKey})");
}
