using Chat.Server;
using Chat.Server.Conversations;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Storage;

/// <summary>
/// What every database must do the same way: gapless sequences, idempotent retries, refusals
/// that write nothing. Runs on SQLite and PostgreSQL, and on SQL Server when
/// CHAT_TEST_SQLSERVER holds a connection string.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class StorageContractTests(PostgresServer postgres)
{
    private static readonly Author Visitor = new(SenderKinds.Visitor, "v1", "Ana");
    private static readonly Author Agent = new(SenderKinds.Agent, "a1", "Alex");

    public static TheoryData<string> Providers()
    {
        var providers = new TheoryData<string> { "Sqlite", "Postgres" };
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("CHAT_TEST_SQLSERVER")))
        {
            providers.Add("SqlServer");
        }

        return providers;
    }

    private Task<StorageUnderTest> OnAsync(string provider) => StorageUnderTest.OnAsync(provider, postgres);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Concurrent_senders_get_gapless_increasing_sequence_numbers(string provider)
    {
        var storage = await OnAsync(provider);
        var conversation = await storage.NewConversationAsync();

        var results = await Task.WhenAll(Enumerable.Range(1, 40).Select(i =>
            storage.Messages.AppendAsync(conversation.Id, i % 2 == 0 ? Agent : Visitor, $"c-{i}", $"message {i}", CancellationToken.None)));

        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), results.Select(r => r.Message.Seq).Order());
        Assert.All(results, r => Assert.False(r.Duplicate));
        var stored = await storage.Conversations.MessagesAfterAsync(conversation.Id, 0, 100, CancellationToken.None);
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), stored.Select(m => m.Seq));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Concurrent_retries_of_one_client_id_store_one_message(string provider)
    {
        var storage = await OnAsync(provider);
        var conversation = await storage.NewConversationAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ =>
            storage.Messages.AppendAsync(conversation.Id, Visitor, "same-id", "Hello", CancellationToken.None)));

        Assert.Single(results, r => !r.Duplicate);
        Assert.All(results, r => Assert.Equal(1, r.Message.Seq));
        Assert.Single(await storage.Conversations.MessagesAfterAsync(conversation.Id, 0, 100, CancellationToken.None));
        Assert.Equal(1, (await storage.Conversations.FindAsync(conversation.Id, CancellationToken.None))!.LastSeq);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Text_is_stored_exactly_as_sent(string provider)
    {
        var storage = await OnAsync(provider);
        var conversation = await storage.NewConversationAsync();
        const string text = "<script>alert(1)</script> '; DROP TABLE messages; -- 😀 ünïcödé\n\tend";

        await storage.Messages.AppendAsync(conversation.Id, Visitor, "x", text, CancellationToken.None);

        Assert.Equal(text, (await storage.Conversations.MessagesAfterAsync(conversation.Id, 0, 10, CancellationToken.None)).Single().Text);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_resolved_or_missing_conversation_takes_no_message_but_a_retry_still_gets_its_answer(string provider)
    {
        var storage = await OnAsync(provider);
        var conversation = await storage.NewConversationAsync();
        await storage.Messages.AppendAsync(conversation.Id, Visitor, "before", "Hi", CancellationToken.None);
        Assert.NotNull(await storage.Conversations.AssignAsync(conversation.Id, await AdminIdAsync(storage), CancellationToken.None));
        Assert.True(await storage.Conversations.ResolveAsync(conversation.Id, await AdminIdAsync(storage), CancellationToken.None));

        var closed = await Assert.ThrowsAsync<ChatRuleException>(() =>
            storage.Messages.AppendAsync(conversation.Id, Visitor, "after", "Hello?", CancellationToken.None));
        var missing = await Assert.ThrowsAsync<ChatRuleException>(() =>
            storage.Messages.AppendAsync("no-such-id", Visitor, "x", "Hello?", CancellationToken.None));
        var retry = await storage.Messages.AppendAsync(conversation.Id, Visitor, "before", "Hi", CancellationToken.None);

        Assert.Equal("conversation_closed", closed.Code);
        Assert.Equal("not_your_conversation", missing.Code);
        Assert.True(retry.Duplicate);
        Assert.Equal(1, (await storage.Conversations.FindAsync(conversation.Id, CancellationToken.None))!.LastSeq);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Assignment_happens_once_resolve_once_and_rating_only_after_resolve(string provider)
    {
        var storage = await OnAsync(provider);
        var conversation = await storage.NewConversationAsync();
        var admin = await AdminIdAsync(storage);
        var other = (await storage.Agents.CreateAsync("Other@Example.com", "Other", "pw", "agent", 2, [storage.SiteId], CancellationToken.None)).Id;

        Assert.False(await storage.Conversations.RateAsync(conversation.Id, 5, null, CancellationToken.None));
        Assert.NotNull(await storage.Conversations.AssignAsync(conversation.Id, admin, CancellationToken.None));
        Assert.NotNull(await storage.Conversations.AssignAsync(conversation.Id, admin, CancellationToken.None));
        Assert.Null(await storage.Conversations.AssignAsync(conversation.Id, other, CancellationToken.None));
        Assert.False(await storage.Conversations.ResolveAsync(conversation.Id, other, CancellationToken.None));
        Assert.True(await storage.Conversations.ResolveAsync(conversation.Id, admin, CancellationToken.None));
        Assert.False(await storage.Conversations.ResolveAsync(conversation.Id, admin, CancellationToken.None));
        Assert.True(await storage.Conversations.RateAsync(conversation.Id, 4, "ok", CancellationToken.None));

        var stored = (await storage.Conversations.FindAsync(conversation.Id, CancellationToken.None))!;
        Assert.Equal((ConversationStatus.Resolved, admin, 4L, "ok"), (stored.Status, stored.AgentId, stored.Rating!.Value, stored.RatingComment));
        Assert.Equal("Alex Admin", stored.AgentName);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_absent_agents_chat_returns_to_the_line_once_however_many_nodes_try(string provider)
    {
        var storage = await OnAsync(provider);
        var admin = await AdminIdAsync(storage);
        var conversation = await storage.NewConversationAsync();
        await storage.Conversations.AssignAsync(conversation.Id, admin, CancellationToken.None);
        Assert.Equal([admin], await storage.Conversations.AgentsWithOpenChatsAsync(CancellationToken.None));

        var moves = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
            storage.Conversations.ReturnToQueueAsync(conversation.Id, admin, CancellationToken.None)));

        Assert.Single(moves, moved => moved);
        Assert.Equal([conversation.Id], (await storage.Conversations.QueuedAsync(CancellationToken.None)).Select(c => c.Id));
        Assert.Empty(await storage.Conversations.AgentsWithOpenChatsAsync(CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Paging_history_and_waiting_time_read_the_same_everywhere(string provider)
    {
        var storage = await OnAsync(provider);
        var conversation = await storage.NewConversationAsync();
        for (var i = 1; i <= 5; i++)
        {
            await storage.Messages.AppendAsync(conversation.Id, i == 3 ? Agent : Visitor, $"m{i}", $"text {i}", CancellationToken.None);
        }

        var page = await storage.Conversations.MessagesAfterAsync(conversation.Id, 1, 2, CancellationToken.None);
        var activity = (await storage.Conversations.ActivityAsync([conversation.Id], CancellationToken.None))[conversation.Id];
        var messages = await storage.Conversations.MessagesAfterAsync(conversation.Id, 0, 10, CancellationToken.None);

        Assert.Equal([2L, 3L], page.Select(m => m.Seq));
        Assert.Equal("text 5", activity.LastText);
        Assert.Equal(messages.Single(m => m.Seq == 4).CreatedAt, activity.WaitingSince);
        Assert.Equal(conversation.Id, (await storage.Conversations.LatestForCustomerAsync(conversation.CustomerId, CancellationToken.None))!.Id);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Agents_sign_in_with_any_case_of_their_email_and_only_with_their_password(string provider)
    {
        var storage = await OnAsync(provider);

        Assert.NotNull(await storage.Agents.CheckCredentialsAsync("ADMIN@example.com ", "pw", CancellationToken.None));
        Assert.Null(await storage.Agents.CheckCredentialsAsync("admin@example.com", "PW", CancellationToken.None));
        Assert.Null(await storage.Agents.CheckCredentialsAsync("' OR 1=1 --", "pw", CancellationToken.None));
    }

    private static async Task<string> AdminIdAsync(StorageUnderTest storage) =>
        (await storage.Database.RunAsync((c, t) => Dapper.SqlMapper.ExecuteScalarAsync<string>(c, "SELECT id FROM agents WHERE role = 'admin';"), CancellationToken.None))!;
}
