using System.Globalization;

namespace Chat.Bench.Cli;

/// <summary>
/// A scenario's options after parsing: <c>--name value</c> or <c>--name=value</c>, checked
/// against the scenario's specs. <c>--quick</c> switches every default to its small value.
/// </summary>
public sealed class ScenarioOptions
{
    private const int MaxValue = 10_000_000;
    private readonly Dictionary<string, string> _values;
    private readonly IReadOnlyList<OptionSpec> _specs;

    private ScenarioOptions(IReadOnlyList<OptionSpec> specs, Dictionary<string, string> values, bool quick, bool help)
    {
        _specs = specs;
        _values = values;
        Quick = quick;
        Help = help;
    }

    public bool Quick { get; }

    public bool Help { get; }

    public static ScenarioOptions Parse(IReadOnlyList<OptionSpec> specs, IReadOnlyList<string> args)
    {
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        bool quick = false, help = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                throw new UsageException($"Expected an option starting with --, got '{arg}'.");
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? arg[2..equals] : arg[2..];
            if (name is "quick" or "help")
            {
                if (equals > 0)
                {
                    throw new UsageException($"--{name} takes no value.");
                }

                quick |= name == "quick";
                help |= name == "help";
                continue;
            }

            var spec = specs.FirstOrDefault(s => s.Name == name) ?? throw new UsageException($"Unknown option --{name}.");
            if (given.ContainsKey(name))
            {
                throw new UsageException($"--{name} is given twice.");
            }

            string value;
            if (spec.Kind == OptionKind.Flag)
            {
                value = equals > 0 ? throw new UsageException($"--{name} takes no value.") : "true";
            }
            else if (equals > 0)
            {
                value = arg[(equals + 1)..];
            }
            else if (i + 1 < args.Count)
            {
                value = args[++i];
            }
            else
            {
                throw new UsageException($"--{name} needs a value.");
            }

            Check(spec, value);
            given[name] = value;
        }

        var values = specs.ToDictionary(s => s.Name, s => given.GetValueOrDefault(s.Name) ?? (quick ? s.Quick : s.Default), StringComparer.Ordinal);
        return new ScenarioOptions(specs, values, quick, help);
    }

    public int Integer(string name) => int.Parse(Value(name, OptionKind.Integer), CultureInfo.InvariantCulture);

    public IReadOnlyList<int> IntegerList(string name) =>
        [.. Value(name, OptionKind.IntegerList).Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture))];

    public string Choice(string name) => Value(name, OptionKind.Choice);

    public bool Flag(string name) => Value(name, OptionKind.Flag) == "true";

    /// <summary>Every option with the value in force, for the report's header.</summary>
    public string Describe() =>
        string.Join(' ', _specs.Select(s => $"{s.Name}={_values[s.Name]}").Prepend(Quick ? "quick" : "full"));

    private string Value(string name, OptionKind kind)
    {
        var spec = _specs.FirstOrDefault(s => s.Name == name && s.Kind == kind)
            ?? throw new InvalidOperationException($"The scenario reads --{name} as {kind} but does not declare it so.");
        return _values[spec.Name];
    }

    private static void Check(OptionSpec spec, string value)
    {
        switch (spec.Kind)
        {
            case OptionKind.Integer when !IsCount(value):
                throw new UsageException($"--{spec.Name} must be a whole number from 1 to {MaxValue:N0}, not '{value}'.");
            case OptionKind.IntegerList when value.Split(',').Any(v => !IsCount(v)):
                throw new UsageException($"--{spec.Name} must be whole numbers separated by commas, like 1,4,16, not '{value}'.");
            case OptionKind.Choice when !spec.Choices!.Contains(value, StringComparer.Ordinal):
                throw new UsageException($"--{spec.Name} must be one of {string.Join(", ", spec.Choices!)}, not '{value}'.");
        }
    }

    private static bool IsCount(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= MaxValue;
}
