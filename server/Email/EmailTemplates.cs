using System.Net;
using System.Text;
using Chat.Server.Conversations;
using Chat.Server.Privacy;

namespace Chat.Server.Email;

/// <summary>A composed email: plain text, and simple HTML saying the same. No images, no tracking.</summary>
public sealed record EmailContent(string Subject, string Text, string Html);

/// <summary>
/// Writes each kind of email. Every piece of text that goes in is masked again, whatever the
/// site's setting was when it was stored: no card number is ever mailed.
/// </summary>
public static class EmailTemplates
{
    /// <summary>An agent's reply (to a left message, or one the visitor left the page before seeing).</summary>
    public static EmailContent Answer(EmailStrings s, string shop, string customer, string agent, IReadOnlyList<MessageRow> replies, string? link)
    {
        var subject = s.AnswerSubject(agent, shop);
        var intro = s.AnswerIntro(agent, shop);
        return Compose(s, subject, customer, intro, [.. replies.Select(r => r.Text)], transcript: null, link);
    }

    public static EmailContent Transcript(EmailStrings s, string shop, string customer, IReadOnlyList<MessageRow> messages, string? link) =>
        Compose(s, s.TranscriptSubject(shop), customer, s.TranscriptIntro(shop), [], messages, link);

    public static EmailContent Moved(EmailStrings s, string shop, string customer, string agent, string what, DateTimeOffset due, string? link)
    {
        var when = due.ToString(s.Lang == "de" ? "dd.MM.yyyy HH:mm" : "yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " UTC";
        return Compose(s, s.MovedSubject(agent, shop), customer, s.MovedIntro(agent, what, when), [], transcript: null, link);
    }

    private static EmailContent Compose(EmailStrings s, string subject, string customer, string intro, IReadOnlyList<string> quoted, IReadOnlyList<MessageRow>? transcript, string? link)
    {
        subject = Clean(subject);
        var text = new StringBuilder();
        var html = new StringBuilder();
        // The marker first, so the part of a reply above it is all the inbound side keeps.
        text.Append(s.ReplyAbove).Append(' ').AppendLine(EmailStrings.Marker).AppendLine();
        html.Append("<!doctype html><html lang=\"").Append(s.Lang).Append("\"><head><meta charset=\"utf-8\"><title>")
            .Append(Encode(subject)).Append("</title></head><body style=\"font-family:system-ui,sans-serif;color:#1f2937;line-height:1.5\">")
            .Append("<p style=\"color:#9ca3af;font-size:12px\">").Append(Encode(s.ReplyAbove)).Append(' ').Append(Encode(EmailStrings.Marker)).Append("</p>");

        text.AppendLine(Clean(s.Hello(customer))).AppendLine().AppendLine(Clean(intro)).AppendLine();
        html.Append("<p>").Append(Encode(s.Hello(customer))).Append("</p><p>").Append(Encode(intro)).Append("</p>");
        foreach (var reply in quoted)
        {
            text.AppendLine(Clean(reply)).AppendLine();
            html.Append("<blockquote style=\"margin:0 0 1em;padding:.5em 1em;border-left:3px solid #6366f1;background:#f5f5ff\">")
                .Append(Paragraphs(reply)).Append("</blockquote>");
        }

        if (transcript is not null)
        {
            html.Append("<table style=\"border-collapse:collapse\">");
            foreach (var m in transcript)
            {
                var who = m.Sender == SenderKinds.Visitor ? s.Visitor : m.SenderName;
                var at = Clock.FromMs(m.CreatedAt).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
                text.Append('[').Append(at).Append("] ").Append(Clean(who)).Append(": ").AppendLine(Clean(m.Text));
                html.Append("<tr><td style=\"color:#6b7280;padding:2px 8px 2px 0;vertical-align:top;white-space:nowrap\">").Append(at)
                    .Append("</td><td style=\"padding:2px 8px 2px 0;vertical-align:top\"><b>").Append(Encode(who)).Append("</b></td><td style=\"padding:2px 0\">")
                    .Append(Paragraphs(m.Text)).Append("</td></tr>");
            }

            html.Append("</table>");
            text.AppendLine();
        }

        if (link is not null)
        {
            text.AppendLine(s.ReplyHint).AppendLine(link);
            html.Append("<p>").Append(Encode(s.ReplyHint)).Append("</p><p><a href=\"").Append(Encode(link))
                .Append("\" style=\"display:inline-block;background:#4f46e5;color:#fff;padding:.5em 1em;border-radius:6px;text-decoration:none\">")
                .Append(Encode(s.OpenChat)).Append("</a></p>");
        }

        html.Append("</body></html>");
        return new EmailContent(subject, text.ToString(), html.ToString());
    }

    /// <summary>A notice to the shop's admins (English, as the console is): what happened, and where to act on it.</summary>
    public static EmailContent AdminNotice(string shop, string subject, string body, string link)
    {
        var text = $"{body}\n\n{link}\n";
        var html = $"<!DOCTYPE html><html><body style=\"font-family:sans-serif\"><p>{Paragraphs(body)}</p><p><a href=\"{Encode(link)}\">{Encode(link)}</a></p></body></html>";
        return new EmailContent($"{shop}: {subject}", text, html);
    }

    /// <summary>Masked, and without line breaks where one would start a new header (the subject).</summary>
    private static string Clean(string text) => PrivateDataMask.Mask(text);

    private static string Encode(string text) => WebUtility.HtmlEncode(Clean(text));

    private static string Paragraphs(string text) => Encode(text).Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "<br>", StringComparison.Ordinal);
}
