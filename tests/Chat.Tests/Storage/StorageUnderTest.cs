using System.Diagnostics.Metrics;
using Chat.Server;
using Chat.Server.Agents;
using Chat.Server.CannedReplies;
using Chat.Server.Conversations;
using Chat.Server.Customers;
using Chat.Server.Demo;
using Chat.Server.Events;
using Chat.Server.Observability;
using Chat.Server.Privacy;
using Chat.Server.Routing;
using Chat.Server.Sites;
using Chat.Server.Storage;
using Chat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Tests.Storage;

/// <summary>The server's storage code on one provider, migrated and seeded like a fresh install.</summary>
public sealed class StorageUnderTest
{
    private StorageUnderTest(Database database)
    {
        Database = database;
        Conversations = new ConversationStore(database, Time);
        Messages = new MessageWriter(database, Metrics, Time, NullLogger<MessageWriter>.Instance);
        Customers = new CustomerStore(database, Time);
        Agents = new AgentStore(database, Time);
        Notes = new NoteStore(database, Time);
        SiteSettings = new SiteSettingsStore(database, new SiteStore(database, Time), Time);
        CannedReplies = new CannedReplyStore(database, Time);
        Tags = new CustomerTags(database, Time);
        VisitorPages = new VisitorPages(database, Conversations, new InProcessEventBus(),
            new PrivacyGuard(new WidgetConfigStore(database, Time, NullLogger<WidgetConfigStore>.Instance)), Time);
        Handovers = new HandoverStore(database);
        AgentAdmin = new AgentAdminStore(database);
    }

    /// <summary>Metrics nobody reads: these tests look at the stored rows.</summary>
    private static readonly ChatMetrics Metrics = new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());

    public Database Database { get; }

    /// <summary>
    /// The stores' clock. Each reading moves it on a millisecond, so rows written one after the
    /// other always get increasing time stamps; a test can also move it on by hand.
    /// </summary>
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2030, 1, 7, 9, 0, 0, TimeSpan.Zero)) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };

    public ConversationStore Conversations { get; }

    public MessageWriter Messages { get; }

    public CustomerStore Customers { get; }

    public AgentStore Agents { get; }

    public NoteStore Notes { get; }

    public SiteSettingsStore SiteSettings { get; }

    public CannedReplyStore CannedReplies { get; }

    public CustomerTags Tags { get; }

    public VisitorPages VisitorPages { get; }

    public HandoverStore Handovers { get; }

    public AgentAdminStore AgentAdmin { get; }

    public string SiteId { get; private set; } = "";

    /// <summary>A fresh database on the named provider: a new SQLite file, a new PostgreSQL database, or CHAT_TEST_SQLSERVER.</summary>
    public static async Task<StorageUnderTest> OnAsync(string provider, PostgresServer postgres) => provider switch
    {
        "Postgres" => await CreateAsync(provider, await postgres.CreateDatabaseAsync()),
        "SqlServer" => await CreateAsync(provider, Environment.GetEnvironmentVariable("CHAT_TEST_SQLSERVER")),
        _ => await CreateAsync(provider, null),
    };

    public static async Task<StorageUnderTest> CreateAsync(string provider, string? connectionString)
    {
        var options = Options.Create(new ChatOptions
        {
            DataDir = Directory.CreateTempSubdirectory("chat-store-").FullName,
            Database = new DatabaseOptions { Provider = provider, ConnectionString = connectionString },
            Demo = new DemoOptions { SiteKey = $"site-{Guid.NewGuid():N}", AdminPassword = "pw" },
        });
        var database = new Database(options, new TestEnvironment(), Metrics);
        var storage = new StorageUnderTest(database);
        var migrator = new Migrator(database, storage.Time, NullLogger<Migrator>.Instance);
        await using (var connection = await database.OpenAsync(CancellationToken.None))
        {
            await database.Dialect.LockForStartupAsync(connection, CancellationToken.None);
            await migrator.MigrateAsync(connection, CancellationToken.None);
            // A second run must find nothing left to do.
            await migrator.MigrateAsync(connection, CancellationToken.None);
            await database.Dialect.UnlockForStartupAsync(connection, CancellationToken.None);
        }

        await new DemoSeeder(database, storage.Agents, options, storage.Time, new Chat.Server.FirstRun.FirstRunNotice(TextWriter.Null), NullLogger<DemoSeeder>.Instance).SeedAsync(CancellationToken.None);
        storage.SiteId = await database.RunAsync((c, t) => Dapper.SqlMapper.ExecuteScalarAsync<string>(c, "SELECT id FROM sites;"), CancellationToken.None) ?? "";
        return storage;
    }

    public async Task<ConversationRow> NewConversationAsync()
    {
        var customer = await Customers.CreateAsync(SiteId, "Ana", null, VisitorTokens.Hash(VisitorTokens.New()), CancellationToken.None);
        return await Conversations.CreateAsync(SiteId, customer.Id, CancellationToken.None);
    }

    private sealed class TestEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Test";

        public string ApplicationName { get; set; } = "Chat.Tests";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
