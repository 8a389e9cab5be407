namespace Chat.Bench.Scenarios;

/// <summary>Every scenario in this assembly, found by type, so adding one needs no list to edit.</summary>
public static class ScenarioCatalog
{
    public static IReadOnlyList<IScenario> All { get; } =
    [
        .. typeof(ScenarioCatalog).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IScenario).IsAssignableFrom(t))
            .Select(t => (IScenario)Activator.CreateInstance(t)!)
            .OrderBy(s => s.Name, StringComparer.Ordinal),
    ];

    public static IScenario? Find(string name) => All.FirstOrDefault(s => s.Name == name);
}
