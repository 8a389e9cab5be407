using System.Collections.Frozen;
using System.Text;

namespace Chat.Server.Privacy;

/// <summary>
/// International bank account numbers: a known country code, two check digits and the account
/// part, of the exact length that country uses, in capitals or not, together or in groups split
/// by spaces or dashes, that pass the mod-97 check (ISO 13616).
/// </summary>
public static class Ibans
{
    /// <summary>IBAN length per country, from the SWIFT IBAN registry.</summary>
    private static readonly FrozenDictionary<string, int> Lengths = new Dictionary<string, int>
    {
        ["AD"] = 24,
        ["AE"] = 23,
        ["AL"] = 28,
        ["AT"] = 20,
        ["AZ"] = 28,
        ["BA"] = 20,
        ["BE"] = 16,
        ["BG"] = 22,
        ["BH"] = 22,
        ["BI"] = 27,
        ["BR"] = 29,
        ["BY"] = 28,
        ["CH"] = 21,
        ["CR"] = 22,
        ["CY"] = 28,
        ["CZ"] = 24,
        ["DE"] = 22,
        ["DJ"] = 27,
        ["DK"] = 18,
        ["DO"] = 28,
        ["EE"] = 20,
        ["EG"] = 29,
        ["ES"] = 24,
        ["FI"] = 18,
        ["FK"] = 18,
        ["FO"] = 18,
        ["FR"] = 27,
        ["GB"] = 22,
        ["GE"] = 22,
        ["GI"] = 23,
        ["GL"] = 18,
        ["GR"] = 27,
        ["GT"] = 28,
        ["HN"] = 28,
        ["HR"] = 21,
        ["HU"] = 28,
        ["IE"] = 22,
        ["IL"] = 23,
        ["IQ"] = 23,
        ["IS"] = 26,
        ["IT"] = 27,
        ["JO"] = 30,
        ["KW"] = 30,
        ["KZ"] = 20,
        ["LB"] = 28,
        ["LC"] = 32,
        ["LI"] = 21,
        ["LT"] = 20,
        ["LU"] = 20,
        ["LV"] = 21,
        ["LY"] = 25,
        ["MC"] = 27,
        ["MD"] = 24,
        ["ME"] = 22,
        ["MK"] = 19,
        ["MN"] = 20,
        ["MR"] = 27,
        ["MT"] = 31,
        ["MU"] = 30,
        ["NI"] = 28,
        ["NL"] = 18,
        ["NO"] = 15,
        ["OM"] = 23,
        ["PK"] = 24,
        ["PL"] = 28,
        ["PS"] = 29,
        ["PT"] = 25,
        ["QA"] = 29,
        ["RO"] = 24,
        ["RS"] = 22,
        ["RU"] = 33,
        ["SA"] = 24,
        ["SC"] = 31,
        ["SD"] = 18,
        ["SE"] = 24,
        ["SI"] = 19,
        ["SK"] = 24,
        ["SM"] = 27,
        ["SO"] = 23,
        ["ST"] = 25,
        ["SV"] = 28,
        ["TL"] = 23,
        ["TN"] = 24,
        ["TR"] = 26,
        ["UA"] = 29,
        ["VA"] = 22,
        ["VG"] = 24,
        ["XK"] = 20,
        ["YE"] = 30,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    internal static List<PrivateDataMask.Found> Find(string text)
    {
        var found = new List<PrivateDataMask.Found>();
        var i = 0;
        while (i + 4 <= text.Length)
        {
            if (StartsWord(text, i) && TryRead(text, i, out var length, out var compact) && PassesMod97(compact))
            {
                found.Add(new PrivateDataMask.Found(i, length, compact[^4..], PrivateDataMask.IbanMask));
                i += length;
                continue;
            }

            i++;
        }

        return found;
    }

    /// <summary>Whether the IBAN, written together in capitals, passes the ISO 7064 mod-97 check.</summary>
    public static bool PassesMod97(string compact)
    {
        ArgumentNullException.ThrowIfNull(compact);
        var remainder = 0;
        foreach (var c in compact[4..] + compact[..4])
        {
            var value = c is >= '0' and <= '9' ? c - '0' : c is >= 'A' and <= 'Z' ? c - 'A' + 10 : -1;
            if (value < 0)
            {
                return false;
            }

            remainder = value < 10 ? (remainder * 10 + value) % 97 : (remainder * 100 + value) % 97;
        }

        return remainder == 1;
    }

    private static bool StartsWord(string text, int i) => i == 0 || !char.IsLetterOrDigit(text[i - 1]);

    /// <summary>
    /// Reads a country code, two check digits and exactly as many characters as that country's
    /// IBAN has, skipping single separators, and makes sure the IBAN ends there.
    /// </summary>
    private static bool TryRead(string text, int start, out int length, out string compact)
    {
        length = 0;
        compact = "";
        if (!IsAsciiLetter(text[start]) || !IsAsciiLetter(text[start + 1])
            || !Lengths.TryGetValue(text.Substring(start, 2), out var expected))
        {
            return false;
        }

        var chars = new StringBuilder(expected);
        var i = start;
        while (i < text.Length && chars.Length < expected)
        {
            var c = text[i];
            if (char.IsAsciiLetterOrDigit(c))
            {
                // Check digits come right after the country code.
                if (chars.Length is 2 or 3 && !char.IsAsciiDigit(c))
                {
                    return false;
                }

                chars.Append(char.ToUpperInvariant(c));
                i++;
            }
            else if (chars.Length >= 2 && PrivateDataMask.IsSeparator(c) && i + 1 < text.Length && char.IsAsciiLetterOrDigit(text[i + 1]))
            {
                i++;
            }
            else
            {
                return false;
            }
        }

        if (chars.Length < expected || (i < text.Length && char.IsLetterOrDigit(text[i])))
        {
            return false;
        }

        length = i - start;
        compact = chars.ToString();
        return true;
    }

    private static bool IsAsciiLetter(char c) => char.IsAsciiLetter(c);
}
