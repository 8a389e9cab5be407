using Chat.Bench.Cli;

namespace Chat.Bench.Hosting;

/// <summary>The databases a bench can run the chat server on, by the name given to <c>--db</c>.</summary>
public static class BenchDatabases
{
    public static readonly string[] Names = ["sqlite", "postgres"];

    public static async Task<IBenchDatabase> StartAsync(string name, string dataDir) => name switch
    {
        "sqlite" => new SqliteBenchDatabase(dataDir),
        "postgres" => await PostgresBenchDatabase.StartAsync(),
        _ => throw new UsageException($"Unknown database '{name}'; one of {string.Join(", ", Names)}."),
    };
}
