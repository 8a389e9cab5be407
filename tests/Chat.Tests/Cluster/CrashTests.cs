using Chat.Tests.Infrastructure;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Chat.Tests.Cluster;

/// <summary>A node killed mid-burst loses nothing it acknowledged: an acknowledgement follows a durable group commit.</summary>
public sealed class CrashTests
{
    [Fact]
    public async Task After_a_kill_mid_burst_and_a_restart_every_acknowledged_message_is_stored_once_in_gapless_order()
    {
        var dataDir = Directory.CreateTempSubdirectory("chat-crash-").FullName;
        string[] args =
        [
            $"--Chat:DataDir={dataDir}",
            $"--Chat:Demo:SiteKey={ChatServer.SiteKey}",
            $"--Chat:Demo:AdminEmail={ChatServer.AdminEmail}",
            $"--Chat:Demo:AdminPassword={ChatServer.AdminPassword}",
            "--Chat:Limits:ConversationsPerIpPerMinute=100000",
            "--Chat:Limits:VisitorsPerIpPerMinute=100000",
            "--Chat:Limits:MessagesPerVisitorPerMinute=100000",
        ];
        var node = await NodeProcess.StartAsync(args);
        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<string>();
        var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var widgets = new List<HubSession>();
        var senders = new List<Task>();
        for (var v = 0; v < 10; v++)
        {
            var widget = await node.ConnectVisitorAsync(await node.NewVisitorAsync($"Visitor {v}"));
            widgets.Add(widget);
            var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
            var visitor = v;
            senders.Add(Task.Run(async () =>
            {
                // Each visitor sends as fast as acknowledgements come, until the node dies under it.
                for (var i = 0; ; i++)
                {
                    var clientId = $"v{visitor}-{i}";
                    try
                    {
                        await widget.InvokeAsync("Send", new { conversationId, clientId, text = $"message {i}" });
                    }
                    catch (Exception)
                    {
                        return;
                    }

                    acknowledged.Add(clientId);
                    if (acknowledged.Count >= 200)
                    {
                        enough.TrySetResult();
                    }
                }
            }));
        }

        await enough.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await node.KillAsync();
        await Task.WhenAll(senders).WaitAsync(TimeSpan.FromSeconds(60));
        foreach (var widget in widgets)
        {
            await widget.DisposeAsync();
        }

        // The node comes back on the same database file, which SQLite recovers from its journal.
        await using var restarted = await NodeProcess.StartAsync(args);
        await using var db = new SqliteConnection($"Data Source={Path.Combine(dataDir, "chat.db")}");
        var stored = (await db.QueryAsync<(string ConversationId, long Seq, string ClientId)>(
            "SELECT conversation_id, seq, client_id FROM messages ORDER BY conversation_id, seq;")).ToList();

        Assert.Empty(acknowledged.Except(stored.Select(m => m.ClientId)));
        Assert.Equal(stored.Count, stored.Select(m => (m.ConversationId, m.ClientId)).Distinct().Count());
        foreach (var conversation in stored.GroupBy(m => m.ConversationId))
        {
            Assert.Equal(Enumerable.Range(1, conversation.Count()).Select(i => (long)i), conversation.Select(m => m.Seq));
        }
    }
}
