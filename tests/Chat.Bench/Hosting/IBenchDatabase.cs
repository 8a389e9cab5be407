using System.Data.Common;

namespace Chat.Bench.Hosting;

/// <summary>
/// The database a chat server runs on during a bench: how to point the server at it, and how
/// the bench reads and seeds it: SQLite, or a PostgreSQL the bench starts (see <see cref="BenchDatabases"/>).
/// </summary>
public interface IBenchDatabase
{
    string Name { get; }

    /// <summary>One line for the report: engine and what it stores on.</summary>
    string Description { get; }

    /// <summary>Configuration for the chat server, as command-line arguments.</summary>
    IReadOnlyList<string> ServerArgs { get; }

    Task<DbConnection> OpenAsync(CancellationToken ct);
}
