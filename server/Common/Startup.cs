using Chat.Server.Conversations;
using Chat.Server.Demo;
using Chat.Server.Routing;
using Chat.Server.Storage;

namespace Chat.Server;

/// <summary>Before the server takes requests: schema up to date, demo data on a new database, waiting visitors back in line.</summary>
public sealed class Startup(Migrator migrator, DemoSeeder seeder, ConversationStore conversations, IChatRouter router) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await migrator.MigrateAsync(ct);
        await seeder.SeedAsync(ct);
        foreach (var waiting in await conversations.QueuedAsync(ct))
        {
            await router.AssignOrEnqueueAsync(waiting.SiteId, waiting.Id, ct);
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
