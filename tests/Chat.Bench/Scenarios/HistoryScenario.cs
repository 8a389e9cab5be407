using System.Data.Common;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Chat.AgentConsole.Port;
using Chat.Bench.Cli;
using Chat.Bench.Hosting;
using Chat.Bench.Report;
using Chat.Server;
using Chat.Server.History;
using Chat.Server.Observability;
using Chat.Server.Reports;
using Chat.Server.Storage;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Chat.Bench.Scenarios;

/// <summary>
/// Finding things in a big history: seed a site with many conversations and messages (stored
/// as the server stores them, with its own migrations, so the search indexes and their triggers
/// are the real ones), then time search, the conversations list and each report, on SQLite and
/// on PostgreSQL. The goal: every query under 200 ms at the 95th percentile.
/// </summary>
public sealed class HistoryScenario : IScenario
{
    private static readonly string[] Words =
    [
        "order", "parcel", "refund", "invoice", "delivery", "address", "card", "payment", "size", "colour",
        "return", "exchange", "shoes", "jacket", "discount", "voucher", "tracking", "number", "week", "today",
        "tomorrow", "thanks", "hello", "please", "question", "problem", "broken", "missing", "late", "Lisbon",
        "Berlin", "München", "café", "Straße", "email", "phone", "account", "password", "login", "cart",
    ];

    public string Name => "history";

    public string Description => "search, the conversations list and each report over a large seeded history, on SQLite and PostgreSQL: p50 and p95 per query";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        OptionSpec.Integer("messages", 1_000_000, 20_000, "messages to seed"),
        OptionSpec.Integer("conversations", 50_000, 1_000, "conversations they are spread over"),
        OptionSpec.Integer("days", 365, 30, "days back the conversations start over"),
        OptionSpec.Integer("runs", 50, 10, "times each query is run"),
        OptionSpec.Choice("db", ["both", .. BenchDatabases.Names], "which database to run on"),
    ];

    public async Task<Summary> RunAsync(ScenarioOptions options, TextWriter output, CancellationToken ct)
    {
        var shape = new Shape(options.Integer("messages"), options.Integer("conversations"), options.Integer("days"), options.Integer("runs"));
        var choice = options.Choice("db");
        var summary = new Summary(Name);
        foreach (var name in BenchDatabases.Names.Where(n => choice == "both" || choice == n))
        {
            var dataDir = Directory.CreateTempSubdirectory("chat-history-").FullName;
            var bench = await BenchDatabases.StartAsync(name, dataDir);
            try
            {
                await RunOnAsync(bench, dataDir, shape, output, summary, ct);
            }
            finally
            {
                if (bench is IAsyncDisposable disposable)
                {
                    await disposable.DisposeAsync();
                }

                Directory.Delete(dataDir, recursive: true);
            }
        }

        return summary;
    }

    private static async Task RunOnAsync(IBenchDatabase bench, string dataDir, Shape shape, TextWriter output, Summary summary, CancellationToken ct)
    {
        await using var database = await OpenServerDatabaseAsync(bench, dataDir, ct);
        var seeded = Stopwatch.StartNew();
        var site = await SeedAsync(database, shape, ct);
        seeded.Stop();
        output.WriteLine($"{bench.Description}: seeded {Format.Count(shape.Messages)} messages in {Format.Count(shape.Conversations)} conversations in {Format.Seconds(seeded.Elapsed)} (search index triggers included)");

        var search = new SearchStore(database);
        var history = new HistoryStore(database);
        var reports = new ReportStore(database);
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        string[] sites = [site.Id];
        var queries = new List<(string Name, Func<Task> Run)>
        {
            ("search: one common word", () => search.MessagesAsync(sites, SearchTerms.Parse("order"), 0, 21, ct)),
            ("search: two words", () => search.MessagesAsync(sites, SearchTerms.Parse("refund parcel"), 0, 21, ct)),
            ("search: word with ß", () => search.MessagesAsync(sites, SearchTerms.Parse("Straße"), 0, 21, ct)),
            ("search: prefix, page 5", () => search.MessagesAsync(sites, SearchTerms.Parse("deliv"), 80, 21, ct)),
            ("search: no match", () => search.MessagesAsync(sites, SearchTerms.Parse("zeppelin"), 0, 21, ct)),
            ("search: customers", () => search.CustomersAsync(sites, SearchTerms.Parse("customer 4711"), ct)),
            ("list: first page", () => history.ListAsync(new ListQuery(sites, 26), ct)),
            ("list: rating 2, page 2", () => history.ListAsync(new ListQuery(sites, 26) { Rating = 2, After = (DateTimeOffset.UtcNow.AddDays(-shape.Days / 2).ToUnixTimeMilliseconds(), "z") }, ct)),
        };
        foreach (var days in new[] { 7, 30, 90, 365 }.Where(d => d <= Math.Max(7, shape.Days)))
        {
            var from = today.AddDays(1 - days);
            queries.Add(($"report: {days} days", () => ReportAsync(reports, site.Id, zone, from, today, ct)));
        }

        var table = new Table("database", "query", "runs", "p50 ms", "p95 ms", "max ms");
        var worst = 0.0;
        foreach (var (name, run) in queries)
        {
            await run(); // warm: plans, caches, the first page of the index
            var times = new List<double>();
            for (var i = 0; i < shape.Runs; i++)
            {
                var watch = Stopwatch.StartNew();
                await run();
                times.Add(watch.Elapsed.TotalMilliseconds);
            }

            times.Sort();
            var p95 = Rank(times, 0.95);
            worst = Math.Max(worst, p95);
            table.Row(bench.Name, name, Format.Count(times.Count), Format.Ms(Rank(times, 0.5)), Format.Ms(p95), Format.Ms(times[^1]));
        }

        table.Print(output);
        summary.Add($"{bench.Name}_worst_p95_ms", worst, 1);
    }

    private static async Task ReportAsync(ReportStore reports, string siteId, TimeZoneInfo zone, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var rows = await reports.LoadAsync(siteId, HistoryStore.StartOfDayMs(from, zone), HistoryStore.StartOfDayMs(to.AddDays(1), zone), null, ct);
        ReportBuilder.Build(new ReportFrame(siteId, "Bench", zone, from, to, null), rows, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
    }

    private static double Rank(List<double> sorted, double share) => sorted[Math.Max(0, (int)Math.Ceiling(share * sorted.Count) - 1)];

    /// <summary>The server's own Database on the bench's database, migrated as a fresh install is.</summary>
    private static async Task<Database> OpenServerDatabaseAsync(IBenchDatabase bench, string dataDir, CancellationToken ct)
    {
        var connectionString = bench.ServerArgs.FirstOrDefault(a => a.StartsWith("--Chat:Database:ConnectionString=", StringComparison.Ordinal))?.Split('=', 2)[1];
        var options = Microsoft.Extensions.Options.Options.Create(new ChatOptions
        {
            DataDir = dataDir,
            Database = new DatabaseOptions { Provider = bench.Name == "postgres" ? "Postgres" : "Sqlite", ConnectionString = connectionString },
        });
        var metrics = new ChatMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());
        var database = new Database(options, new BenchEnvironment(), metrics);
        await using var connection = await database.OpenAsync(ct);
        await database.Dialect.LockForStartupAsync(connection, ct);
        await new Migrator(database, TimeProvider.System, NullLogger<Migrator>.Instance).MigrateAsync(connection, ct);
        await database.Dialect.UnlockForStartupAsync(connection, ct);
        return database;
    }

    /// <summary>
    /// One site, ten agents, one customer per conversation, conversations spread evenly over the
    /// days with a rating on a third of them, and messages of a few words each, visitor and agent
    /// in turn. SQLite: prepared single-row inserts in large transactions (the FTS5 triggers fire
    /// on each); PostgreSQL: binary COPY (the tsvector column is computed on the way in).
    /// </summary>
    private static async Task<(string Id, string Name)> SeedAsync(Database database, Shape shape, CancellationToken ct)
    {
        var random = new Random(4711);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var span = shape.Days * 86_400_000L;
        const string SiteId = "bench-site";
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO sites (id, site_key, name, color, greeting, created_at, time_zone) VALUES (@SiteId, 'bench', 'Bench', '#336699', 'Hi', 0, 'Europe/Berlin');",
            new { SiteId }, cancellationToken: ct));
        var agents = Enumerable.Range(0, 10).Select(i => $"agent-{i}").ToArray();
        foreach (var agent in agents)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO agents (id, email, name, password_hash, role, capacity, created_at) VALUES (@agent, @email, @agent, 'x', 'agent', 5, 0); INSERT INTO site_agents (site_id, agent_id) VALUES (@SiteId, @agent);",
                new { agent, email = $"{agent}@bench.test", SiteId }, cancellationToken: ct));
        }

        var perConversation = Math.Max(1, shape.Messages / shape.Conversations);
        var conversations = new List<object?[]>();
        var customers = new List<object?[]>();
        var messages = new List<object?[]>();
        for (var c = 0; c < shape.Conversations; c++)
        {
            var id = $"c{c:D7}";
            var created = now - span + (span * c / shape.Conversations);
            var answered = random.Next(10) > 0;
            var agent = answered ? agents[random.Next(agents.Length)] : null;
            long? first = answered ? created + random.Next(5_000, 600_000) : null;
            long? resolved = answered ? created + random.Next(600_000, 7_200_000) : null;
            long? rating = answered && random.Next(3) == 0 ? random.Next(1, 6) : null;
            var count = c == shape.Conversations - 1 ? shape.Messages - (perConversation * c) : perConversation;
            customers.Add([$"u{c:D7}", SiteId, $"Customer {c}", $"customer{c}@example.com", $"token-{c}", created, created, 1L]);
            conversations.Add([id, SiteId, $"u{c:D7}", agent, resolved is null ? "queued" : "resolved", created, first, resolved, rating, rating <= 2 ? "Too slow" : null, (long)count]);
            for (var s = 1; s <= count; s++)
            {
                var text = string.Join(' ', Enumerable.Range(0, random.Next(4, 14)).Select(_ => Words[random.Next(Words.Length)]));
                var fromAgent = agent is not null && s % 2 == 0;
                messages.Add([id, (long)s, $"m{s}", fromAgent ? "agent" : "visitor", fromAgent ? agent : $"u{c:D7}", fromAgent ? agent! : $"Customer {c}", text, created + (s * 20_000L)]);
            }

            if (messages.Count >= 50_000 || c == shape.Conversations - 1)
            {
                await InsertAsync(connection, "customers", ["id", "site_id", "name", "email", "token_hash", "first_seen", "last_seen", "visits"], customers, ct);
                await InsertAsync(connection, "conversations", ["id", "site_id", "customer_id", "agent_id", "status", "created_at", "first_response_at", "resolved_at", "rating", "rating_comment", "last_seq"], conversations, ct);
                await InsertAsync(connection, "messages", ["conversation_id", "seq", "client_id", "sender", "sender_id", "sender_name", "text", "created_at"], messages, ct);
                customers.Clear();
                conversations.Clear();
                messages.Clear();
            }
        }

        // Fresh statistics, as a database that has lived with this data would have.
        await connection.ExecuteAsync(new CommandDefinition("ANALYZE;", commandTimeout: 600, cancellationToken: ct));

        return (SiteId, "Bench");
    }

    private static async Task InsertAsync(DbConnection connection, string table, string[] columns, List<object?[]> rows, CancellationToken ct)
    {
        if (connection is NpgsqlConnection postgres)
        {
            await using var import = await postgres.BeginBinaryImportAsync($"COPY {table} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)", ct);
            foreach (var row in rows)
            {
                await import.StartRowAsync(ct);
                foreach (var value in row)
                {
                    await (value is null ? import.WriteNullAsync(ct) : import.WriteAsync(value, ct));
                }
            }

            await import.CompleteAsync(ct);
            return;
        }

        await using var tx = await connection.BeginTransactionAsync(ct);
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))});";
        var parameters = columns.Select((_, i) =>
        {
            var p = command.CreateParameter();
            p.ParameterName = $"@p{i}";
            command.Parameters.Add(p);
            return p;
        }).ToArray();
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                parameters[i].Value = row[i] ?? DBNull.Value;
            }

            await command.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
    }

    private sealed record Shape(int Messages, int Conversations, int Days, int Runs);

    private sealed class BenchEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Bench";

        public string ApplicationName { get; set; } = "Chat.Bench";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
