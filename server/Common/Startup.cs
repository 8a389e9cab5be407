using Chat.Server.Agents;
using Chat.Server.Conversations;
using Chat.Server.Demo;
using Chat.Server.Routing;
using Chat.Server.Storage;

namespace Chat.Server;

/// <summary>
/// Before the server takes requests: schema up to date, the first sign-in key and demo data on a
/// new database (under a database-wide lock, since several nodes may start at once), waiting
/// visitors back in line.
/// </summary>
public sealed class Startup(Database database, Migrator migrator, SignInKeys signInKeys, DemoSeeder seeder, ConversationStore conversations, IChatRouter router) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await using (var connection = await database.OpenAsync(ct))
        {
            await database.Dialect.LockForStartupAsync(connection, ct);
            try
            {
                await migrator.MigrateAsync(connection, ct);
                signInKeys.EnsureUsableKey();
                await seeder.SeedAsync(ct);
            }
            finally
            {
                await database.Dialect.UnlockForStartupAsync(connection, CancellationToken.None);
            }
        }

        // Claimed too, so the first heartbeat does not rebuild what was just built.
        await router.ClaimRebuildAsync(ct);
        foreach (var waiting in await conversations.QueuedAsync(ct))
        {
            await router.EnqueueIfAbsentAsync(waiting.SiteId, waiting.Id, waiting.CreatedAt, ct);
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
