using Chat.Tests.Infrastructure.Provisioning;
using Npgsql;

namespace Chat.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL (Debian's 'postgresql' package, installed on first use: see
/// <see cref="Provisioner"/>) in a temporary folder on a free port.
/// fsync is off (a killed postgres process loses nothing the OS already holds) but commits stay
/// synchronous, so a crash test never loses an acknowledged message. Each test gets its own database. It can be stopped and started
/// again on the same port and data, for fault tests.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private string _dataDir = "";
    private string _bin = "";

    public int Port { get; private set; }

    /// <summary>
    /// With fsync on, as a production server runs: for benchmarks, whose commit rates must be
    /// durable ones. Tests leave it off; their commits stay synchronous all the same.
    /// </summary>
    public bool Durable { get; init; }

    public async Task InitializeAsync()
    {
        await Prerequisites.EnsureAsync();
        _bin = Prerequisites.PostgresBinDirectory()
            ?? throw new InvalidOperationException("PostgreSQL is required for these tests: install the Debian package 'postgresql'.");

        _dataDir = Directory.CreateTempSubdirectory("chat-pg-").FullName;
        if (ProcessRunner.IsRoot)
        {
            await ProcessRunner.RunAsync("chown", ["postgres:postgres", _dataDir]);
        }

        await ProcessRunner.RunAsync(Path.Combine(_bin, "initdb"), ["-D", _dataDir, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8"], TimeSpan.FromMinutes(2), asUser: "postgres");
        Port = ProcessRunner.FreePort();
        await StartAsync();
    }

    public Task StartAsync() => ProcessRunner.RunAsync(Path.Combine(_bin, "pg_ctl"),
        ["-D", _dataDir, "-l", Path.Combine(_dataDir, "server.log"), "-w", "-t", "60", "start",
         "-o", $"-p {Port} -k {_dataDir} -c listen_addresses=127.0.0.1 {(Durable ? "" : "-c fsync=off -c full_page_writes=off ")}-c max_connections=300"],
        TimeSpan.FromMinutes(2), asUser: "postgres");

    /// <summary>Stops at once, dropping every connection, as a crash of the database would.</summary>
    public Task StopAsync() => ProcessRunner.RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", _dataDir, "-m", "immediate", "-w", "stop"], TimeSpan.FromMinutes(1), asUser: "postgres");

    /// <summary>A new, empty database; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"chat_{Guid.NewGuid():N}";
        // Unpooled: a pooled connection may be a dead one from before a restart.
        await using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name};", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    private string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Timeout=5;Command Timeout=10";

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await StopAsync();
        }
        catch (InvalidOperationException)
        {
            // Already stopped by a fault test.
        }

        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
