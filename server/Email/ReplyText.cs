using System.Net;
using System.Text.RegularExpressions;
using MimeKit;

namespace Chat.Server.Email;

/// <summary>
/// What the visitor wrote in a reply, without the quoted history and the signature their mail
/// program adds: everything from our marker line, a quote header ("On … wrote:", "Am … schrieb"),
/// an Outlook header block, a quoted line or a signature delimiter down is cut. Pure, so it is
/// tested with replies as real mail programs write them.
/// </summary>
public static partial class ReplyText
{
    public static string Of(MimeMessage message)
    {
        var body = message.TextBody ?? HtmlToText(message.HtmlBody ?? "");
        return Strip(body);
    }

    public static string Strip(string body)
    {
        var kept = new List<string>();
        foreach (var raw in body.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.TrimEnd();
            if (line.Contains(EmailStrings.Marker, StringComparison.Ordinal)
                || line.StartsWith('>')
                || line is "-- " or "--" or "__"
                || QuoteHeader().IsMatch(line)
                || OutlookHeader().IsMatch(line))
            {
                break;
            }

            kept.Add(line);
        }

        return string.Join('\n', kept).Trim();
    }

    /// <summary>Crude on purpose: the text of an HTML-only reply, for the same stripping; tags are never kept.</summary>
    private static string HtmlToText(string html)
    {
        var text = Blocks().Replace(html, "");
        text = Breaks().Replace(text, "\n");
        text = Tags().Replace(text, "");
        return WebUtility.HtmlDecode(text);
    }

    [GeneratedRegex(@"^\s*(On\s.+\swrote:|Am\s.+\sschrieb.*:|.+\s(wrote|schrieb):)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex QuoteHeader();

    [GeneratedRegex(@"^\s*(-{2,}\s*(Original Message|Ursprüngliche Nachricht)\s*-{2,}|(From|Von):\s.+@.+)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex OutlookHeader();

    [GeneratedRegex(@"<(script|style|head)\b.*?</\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Blocks();

    [GeneratedRegex(@"<\s*(br|/p|/div|/li|/tr|/blockquote)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex Breaks();

    [GeneratedRegex(@"<[^>]*>|<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex Tags();
}
