using Chat.Bench.Cli;

namespace Chat.Bench.Hosting;

/// <summary>The databases a bench can run the chat server on, by the name given to <c>--db</c>.</summary>
public static class BenchDatabases
{
    /// <summary>Add "postgres" here, with its IBenchDatabase, when the server learns PostgreSQL.</summary>
    public static readonly string[] Names = ["sqlite"];

    public static IBenchDatabase Create(string name, string dataDir) => name switch
    {
        "sqlite" => new SqliteBenchDatabase(dataDir),
        _ => throw new UsageException($"Unknown database '{name}'; one of {string.Join(", ", Names)}."),
    };
}
