using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Chat.Server.Api;

/// <summary>
/// Keyset paging: the cursor is the sort key and id of the last item of a page, opaque to clients.
/// A page after it starts strictly past that pair, so rows written meanwhile neither repeat nor vanish.
/// </summary>
internal readonly record struct ApiCursor(long Key, string Id)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public string Encode() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Key}|{Id}")));

    /// <summary>Null for no cursor; refused with <c>cursor_invalid</c> for one this API did not make.</summary>
    public static ApiCursor? Decode(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            var split = text.IndexOf('|', StringComparison.Ordinal);
            if (split > 0 && long.TryParse(text.AsSpan(0, split), NumberStyles.Integer, CultureInfo.InvariantCulture, out var key) && text.Length - split - 1 is > 0 and <= 64)
            {
                return new ApiCursor(key, text[(split + 1)..]);
            }
        }
        catch (FormatException)
        {
        }

        throw new ChatRuleException("cursor_invalid", "The cursor is not one this API gave out. Pass the 'next' value of the previous page as it was.");
    }

    public static int Limit(int? limit) => limit switch
    {
        null => DefaultLimit,
        < 1 or > MaxLimit => throw new ChatRuleException("limit_invalid", $"limit must be between 1 and {MaxLimit}."),
        _ => limit.Value,
    };
}
