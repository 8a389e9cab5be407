using Chat.Bench.Scenarios;

namespace Chat.Bench.Cli;

public static class Usage
{
    public static void Print(TextWriter to)
    {
        to.WriteLine("usage: dotnet run -c Release --project tests/Chat.Bench -- <scenario> [--quick] [options]");
        to.WriteLine();
        to.WriteLine("scenarios:");
        foreach (var scenario in ScenarioCatalog.All)
        {
            to.WriteLine($"  {scenario.Name,-12} {scenario.Description}");
        }

        to.WriteLine();
        to.WriteLine("<scenario> --help lists its options. --quick runs it small, in under a minute.");
        to.WriteLine("Each scenario prints a table and, as its last line, one key=value summary.");
    }

    public static void PrintScenario(TextWriter to, IScenario scenario)
    {
        to.WriteLine($"usage: dotnet run -c Release --project tests/Chat.Bench -- {scenario.Name} [--quick] [options]");
        to.WriteLine($"  {scenario.Description}");
        to.WriteLine();
        to.WriteLine($"  {"--quick",-26} small numbers, done in under a minute");
        foreach (var spec in scenario.Options)
        {
            var defaults = spec.Kind switch
            {
                OptionKind.Flag => "",
                OptionKind.Choice => $" (one of {string.Join(", ", spec.Choices!)}; default {spec.Default})",
                _ => spec.Default == spec.Quick ? $" (default {spec.Default})" : $" (default {spec.Default}, quick {spec.Quick})",
            };
            var name = spec.Kind == OptionKind.Flag ? $"--{spec.Name}" : $"--{spec.Name} <{(spec.Kind == OptionKind.IntegerList ? "n,n,…" : "n")}>";
            if (spec.Kind == OptionKind.Choice)
            {
                name = $"--{spec.Name} <{(spec.Choices!.All(c => c.All(char.IsAsciiDigit)) ? "n" : "name")}>";
            }

            to.WriteLine($"  {name,-26} {spec.Help}{defaults}");
        }
    }
}
