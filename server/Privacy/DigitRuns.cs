namespace Chat.Server.Privacy;

/// <summary>
/// Runs of digits written in groups ("4111 1111-1111 1111"): groups of digits joined by at most
/// <see cref="MaxSeparators"/> separator characters. Letters and other characters end a run.
/// </summary>
internal static class DigitRuns
{
    public const int MaxSeparators = 3;

    /// <param name="Groups">Each group's start and length in the text, in order.</param>
    public sealed record Run(int Start, int Length, int Digits, IReadOnlyList<(int Start, int Length)> Groups, bool AfterPlus);

    public static List<Run> Find(string text)
    {
        var runs = new List<Run>();
        var i = 0;
        while (i < text.Length)
        {
            if (PrivateDataMask.DigitValue(text[i]) < 0)
            {
                i++;
                continue;
            }

            var start = i;
            var groups = new List<(int, int)>();
            var digits = 0;
            while (true)
            {
                var groupStart = i;
                while (i < text.Length && PrivateDataMask.DigitValue(text[i]) >= 0)
                {
                    i++;
                }

                groups.Add((groupStart, i - groupStart));
                digits += i - groupStart;

                var gap = i;
                while (gap < text.Length && gap - i < MaxSeparators && PrivateDataMask.IsSeparator(text[gap]))
                {
                    gap++;
                }

                if (gap == i || gap >= text.Length || PrivateDataMask.DigitValue(text[gap]) < 0)
                {
                    break;
                }

                i = gap;
            }

            var (lastStart, lastLength) = groups[^1];
            runs.Add(new Run(start, lastStart + lastLength - start, digits, groups, AfterPlus(text, start)));
        }

        return runs;
    }

    /// <summary>"+49 170 …" is a phone number, however its digits happen to add up.</summary>
    private static bool AfterPlus(string text, int start)
    {
        var before = start - 1;
        while (before >= 0 && text[before] is ' ' or '\u00A0')
        {
            before--;
        }

        return before >= 0 && text[before] == '+';
    }
}
