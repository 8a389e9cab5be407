using Chat.Server.Conversations;
using Chat.Server.Email;
using Chat.Tests.Infrastructure;
using Chat.Tests.Storage;

namespace Chat.Tests.Email;

/// <summary>
/// The email SQL on every database: the outbox stores an email once per dedupe key, one claim
/// wins, a failed attempt goes back or fails, Resend reaches only the admin's sites; the mailer's
/// mark moves once. Runs on SQLite and PostgreSQL, and on SQL Server where CHAT_TEST_SQLSERVER is set.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class EmailStorageContractTests(PostgresServer postgres)
{
    public static TheoryData<string> Providers() => StorageContractTests.Providers();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_outbox_keeps_each_email_once_and_one_claim_wins(string provider)
    {
        var storage = await StorageUnderTest.OnAsync(provider, postgres);
        var outbox = new OutboxStore(storage.Database);
        var conversation = await storage.NewConversationAsync();
        var now = storage.Time.GetUtcNow().ToUnixTimeMilliseconds();
        var email = new OutboxEmail("e1", storage.SiteId, conversation.Id, EmailKinds.Answer, "ana@example.com", "Demo Shop", "reply+x@reply.test",
            "Subject", "Text", "<p>Html</p>", "answer:c:1", now, OutboxStatus.Queued, 0, now, null, null);

        Assert.True(await outbox.AddAsync(email, CancellationToken.None));
        Assert.False(await outbox.AddAsync(email with { Id = "e2" }, CancellationToken.None));
        var due = Assert.Single(await outbox.DueAsync(now, 10, CancellationToken.None));
        Assert.Equal(("e1", "reply+x@reply.test", "<p>Html</p>"), (due.Id, due.ReplyTo, due.HtmlBody));

        var claims = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => outbox.ClaimAsync("e1", now, now + 60_000, CancellationToken.None)));
        Assert.Single(claims, c => c);
        Assert.Empty(await outbox.DueAsync(now, 10, CancellationToken.None));

        // A failed attempt goes back in the queue for later; the last one fails with its reason.
        await outbox.MarkAttemptFailedAsync("e1", "Connection refused", now + 1000, CancellationToken.None);
        Assert.Empty(await outbox.DueAsync(now, 10, CancellationToken.None));
        Assert.True(await outbox.ClaimAsync("e1", now + 1000, now + 61_000, CancellationToken.None));
        await outbox.MarkAttemptFailedAsync("e1", "550 No such user", null, CancellationToken.None);
        var failed = Assert.Single(await outbox.FailedForSitesAsync([storage.SiteId], 10, CancellationToken.None));
        Assert.Equal((2L, "550 No such user"), (failed.Attempts, failed.LastError));

        Assert.False(await outbox.ResendAsync("e1", ["another-site"], now, CancellationToken.None));
        Assert.True(await outbox.ResendAsync("e1", [storage.SiteId], now, CancellationToken.None));
        Assert.True(await outbox.ClaimAsync("e1", now, now + 60_000, CancellationToken.None));
        await outbox.MarkSentAsync("e1", now, CancellationToken.None);
        Assert.Empty(await outbox.DueAsync(now + 120_000, 10, CancellationToken.None));
        Assert.Empty(await outbox.FailedForSitesAsync([storage.SiteId], 10, CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_mailer_finds_unmailed_replies_and_its_mark_moves_once(string provider)
    {
        var storage = await StorageUnderTest.OnAsync(provider, postgres);
        var store = new ReplyMailStore(storage.Database);
        var tokens = new EmailTokens(storage.Database, storage.Time);
        var conversation = await storage.NewConversationAsync();
        await storage.Database.RunAsync((c, t) => Dapper.SqlMapper.ExecuteAsync(c, "UPDATE customers SET email = 'ana@example.com' WHERE id = @CustomerId;", new { conversation.CustomerId }), CancellationToken.None);
        // An agent has it: only then can an agent reply.
        await storage.Database.RunAsync((c, t) => Dapper.SqlMapper.ExecuteAsync(c, "UPDATE conversations SET status = 'open' WHERE id = @Id;", new { conversation.Id }), CancellationToken.None);
        await storage.Messages.AppendAsync(conversation.Id, new Author(SenderKinds.Visitor, conversation.CustomerId, "Ana"), "m1", "Hello", CancellationToken.None);
        await storage.Messages.AppendAsync(conversation.Id, new Author(SenderKinds.Agent, "a1", "Alex"), "m2", "Hi Ana", CancellationToken.None);
        var now = storage.Time.GetUtcNow().ToUnixTimeMilliseconds();

        var unmailed = Assert.Single(await store.UnmailedAsync(now - 1000, CancellationToken.None), u => u.Id == conversation.Id);
        Assert.Equal((0L, 2L, 0L), (unmailed.MailSeq, unmailed.LastSeq, unmailed.ByEmail));
        Assert.Equal(["Hello", "Hi Ana"], (await store.MessagesAfterAsync(conversation.Id, 0, CancellationToken.None)).Select(m => m.Text));

        // Marks made from a stale read move nothing.
        await store.MarkManyAsync([new MailMark(conversation.Id, 1, 2)], CancellationToken.None);
        Assert.Single(await store.UnmailedAsync(now - 1000, CancellationToken.None), u => u.Id == conversation.Id);
        await store.MarkManyAsync([new MailMark(conversation.Id, 0, 2)], CancellationToken.None);
        Assert.False(await store.MarkAsync(conversation.Id, 0, 2, CancellationToken.None));
        Assert.DoesNotContain(await store.UnmailedAsync(now - 1000, CancellationToken.None), u => u.Id == conversation.Id);
        await store.MarkByEmailAsync(conversation.Id, CancellationToken.None);

        var token = await tokens.NewAsync(conversation.Id, conversation.CustomerId, CancellationToken.None);
        Assert.Equal(new EmailTokenTarget(conversation.Id, conversation.CustomerId), await tokens.FindAsync(token, CancellationToken.None));
        Assert.Null(await tokens.FindAsync(new string('0', 32), CancellationToken.None));
    }
}
