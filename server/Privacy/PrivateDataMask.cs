using System.Globalization;
using System.Text;

namespace Chat.Server.Privacy;

/// <summary>
/// Hides card numbers and IBANs in text before it is stored, published or logged: only the last
/// four characters stay, as in <c>•••• •••• •••• 1111</c>. Pure and idempotent: masking masked
/// text changes nothing, so every path may mask again without harm.
/// </summary>
public static class PrivateDataMask
{
    /// <summary>What stands for the hidden part of a card number; an IBAN gets one group more, so an agent can tell them apart.</summary>
    public const string CardMask = "•••• •••• •••• ";

    public const string IbanMask = "•••• •••• •••• •••• ";

    /// <summary>A typing preview shows no long number at all: unfinished, it cannot be checked yet.</summary>
    public const int PreviewDigitLimit = 8;

    /// <summary>The text with every valid card number and IBAN masked; the same instance when there was none.</summary>
    public static string Mask(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!MayHoldOne(text))
        {
            return text;
        }

        var found = Ibans.Find(text);
        found.AddRange(CardNumbers.Find(text).Where(card => !found.Any(iban => iban.Overlaps(card))));
        return found.Count == 0 ? text : Replace(text, found);
    }

    /// <summary>
    /// A web address, such as the page a visitor is on: a number hidden behind percent-escapes
    /// ("4111%201111…") is found too. When one is, the address is kept unescaped with it masked.
    /// </summary>
    public static string MaskAddress(string address)
    {
        var masked = Mask(address);
        string unescaped;
        try
        {
            unescaped = Uri.UnescapeDataString(masked);
        }
        catch (UriFormatException)
        {
            return masked;
        }

        var maskedUnescaped = Mask(unescaped);
        return ReferenceEquals(maskedUnescaped, unescaped) ? masked : maskedUnescaped;
    }

    /// <summary>
    /// Most messages have few digits: a card has 13 or more and every IBAN in the registry at least
    /// 12 (the Netherlands' has fewest), so text with fewer than 10 is returned as it is, unscanned
    /// and with nothing allocated: this runs on every message.
    /// </summary>
    private static bool MayHoldOne(string text)
    {
        var digits = 0;
        foreach (var c in text)
        {
            if (char.IsDigit(c) && ++digits >= 10)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <see cref="Mask"/> would change the text.</summary>
    public static bool Contains(string text) => !ReferenceEquals(Mask(text), text);

    /// <summary>
    /// What a visitor is still typing: valid numbers are masked as in a message, and any other run
    /// of <see cref="PreviewDigitLimit"/> or more digits is hidden whole, since the first twelve
    /// digits of a card are just as private before the last four are typed.
    /// </summary>
    public static string MaskPreview(string text)
    {
        var masked = Mask(text);
        var runs = DigitRuns.Find(masked).Where(r => r.Digits >= PreviewDigitLimit).Select(r => new Found(r.Start, r.Length, "")).ToList();
        if (runs.Count == 0)
        {
            return masked;
        }

        return Replace(masked, runs, _ => "••••");
    }

    /// <summary>Whether the text carries a mask this class wrote, so the console can say a message was masked.</summary>
    public static bool WasMasked(string? text) =>
        text is not null && text.Contains(CardMask, StringComparison.Ordinal);

    private static string Replace(string text, List<Found> found, Func<Found, string>? replacement = null)
    {
        var result = new StringBuilder(text.Length);
        var at = 0;
        foreach (var f in found.OrderBy(f => f.Start))
        {
            result.Append(text, at, f.Start - at).Append(replacement is null ? f.Mask + f.LastFour : replacement(f));
            at = f.Start + f.Length;
        }

        return result.Append(text, at, text.Length - at).ToString();
    }

    /// <summary>The decimal value of any Unicode digit (ASCII, full-width, Arabic-Indic …), or -1.</summary>
    internal static int DigitValue(char c) => char.IsDigit(c) ? CharUnicodeInfo.GetDecimalDigitValue(c) : -1;

    /// <summary>What people put between groups of digits: spaces of every width, dashes, dots, and the plus a web address writes for a space.</summary>
    internal static bool IsSeparator(char c) =>
        c is ' ' or '+' or '\t' or '-' or '.' or '\u00A0' or '\u2007' or '\u202F' or '\u2009' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2212';

    internal sealed record Found(int Start, int Length, string LastFour, string Mask = CardMask)
    {
        public bool Overlaps(Found other) => Start < other.Start + other.Length && other.Start < Start + Length;
    }
}
