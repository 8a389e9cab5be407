using Chat.Server.Sites;

namespace Chat.Server.Privacy;

/// <summary>
/// Applies <see cref="PrivateDataMask"/> to text entering through a site, unless an admin turned
/// the guard off for that site. Called by each validation step, before anything is stored,
/// published or logged. The setting is read from the site's cached widget settings, so a message
/// costs no extra read; a change applies at once on the node that saved it and within the cache's
/// lifetime on the others.
/// </summary>
public sealed class PrivacyGuard(WidgetConfigStore configs)
{
    public async ValueTask<string> MaskAsync(string siteId, string text, CancellationToken ct) =>
        await IsOnAsync(siteId, ct) ? PrivateDataMask.Mask(text) : text;

    public async ValueTask<string> MaskAddressAsync(string siteId, string address, CancellationToken ct) =>
        await IsOnAsync(siteId, ct) ? PrivateDataMask.MaskAddress(address) : address;

    /// <summary>For text that may be missing, such as an optional comment or a name not given.</summary>
    public async ValueTask<string?> MaskOptionalAsync(string siteId, string? text, CancellationToken ct) =>
        text is null ? null : await MaskAsync(siteId, text, ct);

    public async ValueTask<string> MaskPreviewAsync(string siteId, string text, CancellationToken ct) =>
        await IsOnAsync(siteId, ct) ? PrivateDataMask.MaskPreview(text) : text;

    /// <summary>
    /// What agents may see of a visitor's unsent text: nothing where the site turned the live
    /// preview off (listen openly: the widget tells visitors when it is on), else the masked preview.
    /// </summary>
    public async ValueTask<string> VisitorPreviewAsync(string siteId, string text, CancellationToken ct)
    {
        var config = await configs.ForSiteAsync(siteId, ct);
        return !config.TypingPreview ? "" : config.MasksPrivateData ? PrivateDataMask.MaskPreview(text) : text;
    }

    public async ValueTask<bool> IsOnAsync(string siteId, CancellationToken ct) =>
        (await configs.ForSiteAsync(siteId, ct)).MasksPrivateData;
}
