namespace Chat.Server.Privacy;

/// <summary>
/// Payment card numbers: 13 to 19 digits, written together or in groups split by spaces, dashes
/// or dots, that pass the Luhn check. Within a longer run of groups ("4111 1111 1111 1111 2
/// items") any span of whole groups counts, so a number next to another cannot slip through.
/// </summary>
public static class CardNumbers
{
    public const int MinDigits = 13;
    public const int MaxDigits = 19;

    internal static List<PrivateDataMask.Found> Find(string text)
    {
        var found = new List<PrivateDataMask.Found>();
        foreach (var run in DigitRuns.Find(text))
        {
            if (run.Digits < MinDigits || run.AfterPlus)
            {
                continue;
            }

            FindInRun(text, run, found);
        }

        return found;
    }

    /// <summary>Whether the digits (any Unicode decimal digits, nothing else) pass the Luhn check.</summary>
    public static bool PassesLuhn(IReadOnlyList<int> digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        var sum = 0;
        for (var i = 0; i < digits.Count; i++)
        {
            var d = digits[digits.Count - 1 - i];
            if (i % 2 == 1)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
        }

        return sum % 10 == 0;
    }

    /// <summary>Longest valid spans first, left to right, never overlapping.</summary>
    private static void FindInRun(string text, DigitRuns.Run run, List<PrivateDataMask.Found> found)
    {
        var taken = new bool[run.Groups.Count];
        var spans = new List<(int From, int To, int Digits)>();
        for (var from = 0; from < run.Groups.Count; from++)
        {
            var digits = 0;
            for (var to = from; to < run.Groups.Count; to++)
            {
                digits += run.Groups[to].Length;
                if (digits > MaxDigits)
                {
                    break;
                }

                if (digits >= MinDigits)
                {
                    spans.Add((from, to, digits));
                }
            }
        }

        foreach (var (from, to, _) in spans.OrderByDescending(s => s.Digits).ThenBy(s => s.From))
        {
            if (Enumerable.Range(from, to - from + 1).Any(g => taken[g]))
            {
                continue;
            }

            var digits = DigitsOf(text, run, from, to);
            if (!PassesLuhn(digits))
            {
                continue;
            }

            for (var g = from; g <= to; g++)
            {
                taken[g] = true;
            }

            var start = run.Groups[from].Start;
            var end = run.Groups[to].Start + run.Groups[to].Length;
            found.Add(new PrivateDataMask.Found(start, end - start, string.Concat(digits.Skip(digits.Count - 4))));
        }
    }

    private static List<int> DigitsOf(string text, DigitRuns.Run run, int from, int to)
    {
        var digits = new List<int>(MaxDigits);
        for (var g = from; g <= to; g++)
        {
            var (start, length) = run.Groups[g];
            for (var i = start; i < start + length; i++)
            {
                digits.Add(PrivateDataMask.DigitValue(text[i]));
            }
        }

        return digits;
    }
}
