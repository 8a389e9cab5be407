using System.Data.Common;
using System.Reflection;
using Dapper;

namespace Chat.Server.Storage;

/// <summary>
/// Applies the numbered SQL scripts embedded under Storage/Migrations/{provider} that the
/// database has not seen yet, each in its own transaction, in order.
/// </summary>
public sealed class Migrator(Database database, TimeProvider time, ILogger<Migrator> logger)
{
    /// <summary>Runs on a connection that holds the start-up lock, so concurrent nodes never migrate twice.</summary>
    public async Task MigrateAsync(DbConnection connection, CancellationToken ct)
    {
        await connection.ExecuteAsync(new CommandDefinition(database.Dialect.CreateMigrationsTable, cancellationToken: ct));
        var applied = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT version FROM schema_migrations;", cancellationToken: ct))).ToHashSet();

        foreach (var (version, sql) in Scripts(database.Dialect.Provider))
        {
            if (applied.Contains(version))
            {
                continue;
            }

            await using var tx = await connection.BeginTransactionAsync(ct);
            await connection.ExecuteAsync(new CommandDefinition(sql, transaction: tx, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_migrations (version, applied_at) VALUES (@version, @now);",
                new { version, now = time.NowMs() }, tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
            logger.LogInformation("Applied database migration {Version}", version);
        }
    }

    public static IEnumerable<(string Version, string Sql)> Scripts(DatabaseProvider provider)
    {
        var assembly = Assembly.GetExecutingAssembly();
        var prefix = $"{assembly.GetName().Name}.Storage.Migrations.{provider}.";
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            yield return (Path.GetFileNameWithoutExtension(name[prefix.Length..]), reader.ReadToEnd());
        }
    }
}
