using Chat.Server;
using Chat.Server.Conversations;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Storage;

/// <summary>
/// Group commit on every database: concurrent senders share transactions, and still every
/// acknowledged message is stored exactly once with gapless sequences.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class GroupCommitTests(PostgresServer postgres)
{
    private static readonly Author Visitor = new(SenderKinds.Visitor, "v1", "Ana");

    public static TheoryData<string> Providers() => StorageContractTests.Providers();

    private Task<StorageUnderTest> OnAsync(string provider) => StorageUnderTest.OnAsync(provider, postgres);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Many_senders_in_many_conversations_share_commits_and_each_message_is_stored_once_in_gapless_order(string provider)
    {
        var storage = await OnAsync(provider);
        var conversations = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => storage.NewConversationAsync()));
        var sends = conversations.SelectMany(c => Enumerable.Range(0, 25).Select(i => (Conversation: c.Id, ClientId: $"m{i}"))).ToList();

        var appended = await Task.WhenAll(sends.Select(s => storage.Messages.AppendAsync(s.Conversation, Visitor, s.ClientId, $"text {s.ClientId}", CancellationToken.None)));

        Assert.All(appended, a => Assert.False(a.Duplicate));
        Assert.True(storage.Messages.Commits < sends.Count, $"{sends.Count} messages took {storage.Messages.Commits} commits");
        foreach (var conversation in conversations)
        {
            var stored = await storage.Conversations.MessagesAfterAsync(conversation.Id, 0, 100, CancellationToken.None);
            Assert.Equal(Enumerable.Range(1, 25).Select(i => (long)i), stored.Select(m => m.Seq));
            Assert.Equal(25, stored.Select(m => m.ClientId).Distinct().Count());
            Assert.Equal(25, (await storage.Conversations.FindAsync(conversation.Id, CancellationToken.None))!.LastSeq);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_client_id_sent_again_in_the_same_batch_or_a_later_one_is_stored_once(string provider)
    {
        var storage = await OnAsync(provider);
        var conversation = await storage.NewConversationAsync();

        // Sent together, these land in one batch or a few; all get the one stored message.
        var together = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            storage.Messages.AppendAsync(conversation.Id, Visitor, "same", "Hello", CancellationToken.None)));
        var later = await storage.Messages.AppendAsync(conversation.Id, Visitor, "same", "Hello", CancellationToken.None);

        Assert.Single(together, a => !a.Duplicate);
        Assert.All(together.Append(later), a => Assert.Equal(1, a.Message.Seq));
        Assert.True(later.Duplicate);
        Assert.Single(await storage.Conversations.MessagesAfterAsync(conversation.Id, 0, 10, CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_refused_message_fails_only_its_sender_and_the_others_in_its_batch_are_committed(string provider)
    {
        var storage = await OnAsync(provider);
        var open = await storage.NewConversationAsync();
        var closed = await storage.NewConversationAsync();
        var admin = (await storage.Database.RunAsync((c, t) => Dapper.SqlMapper.ExecuteScalarAsync<string>(c, "SELECT id FROM agents WHERE role = 'admin';"), CancellationToken.None))!;
        await storage.Conversations.AssignAsync(closed.Id, admin, CancellationToken.None);
        await storage.Conversations.ResolveAsync(closed.Id, admin, CancellationToken.None);

        var sends = Enumerable.Range(0, 30).Select(i => i % 3 == 0
            ? storage.Messages.AppendAsync(closed.Id, Visitor, $"late-{i}", "Hello?", CancellationToken.None)
            : storage.Messages.AppendAsync(open.Id, Visitor, $"ok-{i}", $"text {i}", CancellationToken.None)).ToList();
        var outcomes = await Task.WhenAll(sends.Select(async s =>
        {
            try
            {
                await s;
                return "ok";
            }
            catch (ChatRuleException e)
            {
                return e.Code;
            }
        }));

        Assert.Equal(10, outcomes.Count(o => o == "conversation_closed"));
        Assert.Equal(20, outcomes.Count(o => o == "ok"));
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), (await storage.Conversations.MessagesAfterAsync(open.Id, 0, 100, CancellationToken.None)).Select(m => m.Seq));
        Assert.Empty(await storage.Conversations.MessagesAfterAsync(closed.Id, 0, 100, CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_batch_the_database_rejects_writes_nothing_of_itself_and_the_writer_goes_on(string provider)
    {
        var storage = await OnAsync(provider);
        var conversation = await storage.NewConversationAsync();
        // A name the schema refuses (NOT NULL) fails the whole batch inside its transaction, unlike a rule refusal.
        var broken = new Author(SenderKinds.Visitor, "v1", null!);

        var sends = Enumerable.Range(0, 20).Select(i => i == 5
            ? storage.Messages.AppendAsync(conversation.Id, broken, "boom", "Hello", CancellationToken.None)
            : storage.Messages.AppendAsync(conversation.Id, Visitor, $"ok-{i}", $"text {i}", CancellationToken.None)).ToList();
        var acknowledged = new List<string>();
        var failed = 0;
        foreach (var send in sends)
        {
            try
            {
                acknowledged.Add((await send).Message.ClientId);
            }
            catch (Exception e) when (e is not ChatRuleException)
            {
                // Failed with its batch: nothing of that batch may be stored.
                failed++;
            }
        }

        Assert.DoesNotContain("boom", acknowledged);
        Assert.InRange(failed, 1, 20);
        // The writer is not left inside the failed transaction: it writes again, and so does everyone else.
        var after = await storage.Messages.AppendAsync(conversation.Id, Visitor, "after", "Still there?", CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(10));
        await storage.NewConversationAsync().WaitAsync(TimeSpan.FromSeconds(10));

        var stored = await storage.Conversations.MessagesAfterAsync(conversation.Id, 0, 100, CancellationToken.None);
        Assert.Equal(acknowledged.Append("after").Order(), stored.Select(m => m.ClientId).Order());
        Assert.Equal(Enumerable.Range(1, stored.Count).Select(i => (long)i), stored.Select(m => m.Seq));
        Assert.Equal(after.Message.Seq, stored.Count);
    }
}
