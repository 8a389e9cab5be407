namespace Chat.Bench.Cli;

public enum OptionKind { Integer, IntegerList, Choice, Flag }

/// <summary>One option of a scenario: its default for a full run and for <c>--quick</c>.</summary>
public sealed record OptionSpec(string Name, OptionKind Kind, string Default, string Quick, string Help, IReadOnlyList<string>? Choices = null)
{
    public static OptionSpec Integer(string name, int full, int quick, string help) =>
        new(name, OptionKind.Integer, Text(full), Text(quick), help);

    public static OptionSpec IntegerList(string name, int[] full, int[] quick, string help) =>
        new(name, OptionKind.IntegerList, string.Join(',', full.Select(Text)), string.Join(',', quick.Select(Text)), help);

    public static OptionSpec Choice(string name, string[] choices, string help) =>
        new(name, OptionKind.Choice, choices[0], choices[0], help, choices);

    public static OptionSpec Flag(string name, string help) => new(name, OptionKind.Flag, "false", "false", help);

    private static string Text(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
