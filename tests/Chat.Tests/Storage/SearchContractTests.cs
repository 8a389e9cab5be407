using Chat.AgentConsole.Port;
using Chat.Server.Conversations;
using Chat.Server.Customers;
using Chat.Server.History;
using Chat.Server.Sites;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Storage;

/// <summary>
/// Full-text search on every database: SQLite's FTS5 and PostgreSQL's tsvector (SQL Server's
/// LIKE fallback where CHAT_TEST_SQLSERVER is set). Same providers as <see cref="StorageContractTests"/>.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SearchContractTests(PostgresServer postgres)
{
    private static readonly Author Visitor = new(SenderKinds.Visitor, "v1", "Ana");

    public static TheoryData<string> Providers() => StorageContractTests.Providers();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_message_is_found_the_moment_its_append_returns(string provider)
    {
        var (storage, search) = await OnAsync(provider);
        var conversation = await storage.NewConversationAsync();

        await storage.Messages.AppendAsync(conversation.Id, Visitor, "m1", "My Mastercard was charged twice", CancellationToken.None);
        var found = await search.MessagesAsync([storage.SiteId], SearchTerms.Parse("mastercard"), 0, 10, CancellationToken.None);

        Assert.Equal("My Mastercard was charged twice", Assert.Single(found).Text);
        Assert.Equal((conversation.Id, 1L), (found[0].ConversationId, found[0].Seq));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Words_match_by_their_beginning_and_every_word_must_match(string provider)
    {
        var (storage, search) = await OnAsync(provider);
        var conversation = await storage.NewConversationAsync();
        await storage.Messages.AppendAsync(conversation.Id, Visitor, "m1", "I want a refund for the blue shoes", CancellationToken.None);
        await storage.Messages.AppendAsync(conversation.Id, Visitor, "m2", "The parcel was refunded yesterday", CancellationToken.None);
        await storage.Messages.AppendAsync(conversation.Id, Visitor, "m3", "Where are my shoes?", CancellationToken.None);

        Assert.Equal(["m1", "m2"], await SeqTextsAsync(search, storage, "REFUND"));
        Assert.Equal(["m1"], await SeqTextsAsync(search, storage, "refund shoes"));
        Assert.Empty(await SeqTextsAsync(search, storage, "refund socks"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_message_that_says_it_most_comes_first(string provider)
    {
        if (provider == "SqlServer")
        {
            return; // The LIKE fallback orders by time, not relevance: see SearchStore.
        }

        var (storage, search) = await OnAsync(provider);
        var conversation = await storage.NewConversationAsync();
        await storage.Messages.AppendAsync(conversation.Id, Visitor, "m1", "Hello, I have a question about an order I placed last week for my sister, and the invoice too", CancellationToken.None);
        await storage.Messages.AppendAsync(conversation.Id, Visitor, "m2", "Invoice, invoice: where is my invoice?", CancellationToken.None);
        await storage.Messages.AppendAsync(conversation.Id, Visitor, "m3", "Thanks", CancellationToken.None);

        var found = await search.MessagesAsync([storage.SiteId], SearchTerms.Parse("invoice"), 0, 10, CancellationToken.None);

        Assert.Equal([2L, 1L], found.Select(f => f.Seq));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Another_site_s_messages_and_customers_are_never_found(string provider)
    {
        var (storage, search) = await OnAsync(provider);
        var mine = await storage.NewConversationAsync();
        await storage.Messages.AppendAsync(mine.Id, Visitor, "m1", "Parcel to Lisbon", CancellationToken.None);
        var otherSite = await storage.SiteSettings.CreateAsync(await AdminIdAsync(storage), new SiteSettings("", "", "Other shop", [], "#336699", "Hi", WaitThresholds.Default), CancellationToken.None);
        var stranger = await storage.Customers.CreateAsync(otherSite.Id, "Lisbeth Parcelle", "lisbeth@other.example", VisitorTokens.Hash(VisitorTokens.New()), CancellationToken.None);
        var theirs = await storage.Conversations.CreateAsync(otherSite.Id, stranger.Id, CancellationToken.None);
        await storage.Messages.AppendAsync(theirs.Id, Visitor, "t1", "Parcel to Lisbon, secret address", CancellationToken.None);

        var found = await search.MessagesAsync([storage.SiteId], SearchTerms.Parse("parcel lisbon"), 0, 10, CancellationToken.None);
        var people = await search.CustomersAsync([storage.SiteId], SearchTerms.Parse("lisbeth"), CancellationToken.None);

        Assert.Equal(mine.Id, Assert.Single(found).ConversationId);
        Assert.Empty(people);
        Assert.Single(await search.CustomersAsync([otherSite.Id], SearchTerms.Parse("lisbeth"), CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Customers_are_found_by_name_and_email(string provider)
    {
        var (storage, search) = await OnAsync(provider);
        await storage.Customers.CreateAsync(storage.SiteId, "Zoë Ångström", "zoe.angstrom@example.com", VisitorTokens.Hash(VisitorTokens.New()), CancellationToken.None);
        await storage.Customers.CreateAsync(storage.SiteId, "Bruno Keller", "b.keller@example.com", VisitorTokens.Hash(VisitorTokens.New()), CancellationToken.None);

        Assert.Equal(["Zoë Ångström"], (await search.CustomersAsync([storage.SiteId], SearchTerms.Parse("Zoë"), CancellationToken.None)).Select(c => c.Name));
        Assert.Equal(["Bruno Keller"], (await search.CustomersAsync([storage.SiteId], SearchTerms.Parse("b.keller"), CancellationToken.None)).Select(c => c.Name));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_erased_or_deleted_text_is_no_longer_found(string provider)
    {
        var (storage, search) = await OnAsync(provider);
        var conversation = await storage.NewConversationAsync();
        await storage.Messages.AppendAsync(conversation.Id, Visitor, "m1", "My address is Rua Augusta 12", CancellationToken.None);
        await storage.Messages.AppendAsync(conversation.Id, Visitor, "m2", "Augusta again", CancellationToken.None);

        await ExecuteAsync(storage, "UPDATE messages SET text = 'erased' WHERE conversation_id = @id AND seq = 1;", new { id = conversation.Id });
        await ExecuteAsync(storage, "DELETE FROM messages WHERE conversation_id = @id AND seq = 2;", new { id = conversation.Id });

        Assert.Empty(await search.MessagesAsync([storage.SiteId], SearchTerms.Parse("augusta"), 0, 10, CancellationToken.None));
        Assert.Single(await search.MessagesAsync([storage.SiteId], SearchTerms.Parse("erased"), 0, 10, CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Any_input_is_a_query_that_answers_without_an_error(string provider)
    {
        var (storage, search) = await OnAsync(provider);
        var conversation = await storage.NewConversationAsync();
        await storage.Messages.AppendAsync(conversation.Id, Visitor, "m1", "Don't \"quote\" me: 50% off * NEAR(x) AND OR NOT — 東京 café 🎉", CancellationToken.None);
        string[] hostile =
        [
            "\"", "\"\"\"", "'", "*", "**", "-", "^", "(", ")", "NEAR(", "a AND", "OR", "NOT x", "col:x", "x:*", "!x", "&|", "<->",
            "'; DROP TABLE messages; --", "%", "_", "[a-z]", "\\", "\0", "🎉", "\ud83d", "東京", "CAFÉ", new string('x', 5000),
            string.Join(' ', Enumerable.Range(0, 500).Select(i => $"w{i}")), "", "   ", "\"quote\"", "50%",
        ];

        foreach (var query in hostile)
        {
            await search.MessagesAsync([storage.SiteId], SearchTerms.Parse(query), 0, 10, CancellationToken.None);
            await search.CustomersAsync([storage.SiteId], SearchTerms.Parse(query), CancellationToken.None);
        }

        Assert.Single(await search.MessagesAsync([storage.SiteId], SearchTerms.Parse("\"quote\" AND"), 0, 10, CancellationToken.None));
        Assert.Single(await search.MessagesAsync([storage.SiteId], SearchTerms.Parse("東京"), 0, 10, CancellationToken.None));
        Assert.Single(await search.MessagesAsync([storage.SiteId], SearchTerms.Parse("CAFÉ"), 0, 10, CancellationToken.None));
        Assert.Empty(await search.MessagesAsync([storage.SiteId], SearchTerms.Parse("'; DROP TABLE messages; --"), 0, 10, CancellationToken.None));
        Assert.Equal(1L, await storage.Database.RunAsync((c, t) => Dapper.SqlMapper.ExecuteScalarAsync<long>(c, "SELECT COUNT(*) FROM messages;"), CancellationToken.None));
    }

    private async Task<(StorageUnderTest Storage, SearchStore Search)> OnAsync(string provider)
    {
        var storage = await StorageUnderTest.OnAsync(provider, postgres);
        return (storage, new SearchStore(storage.Database));
    }

    private static async Task<IReadOnlyList<string>> SeqTextsAsync(SearchStore search, StorageUnderTest storage, string query) =>
        [.. (await search.MessagesAsync([storage.SiteId], SearchTerms.Parse(query), 0, 10, CancellationToken.None)).Select(m => $"m{m.Seq}").Order()];

    private static Task<string> AdminIdAsync(StorageUnderTest storage) =>
        storage.Database.RunAsync((c, t) => Dapper.SqlMapper.ExecuteScalarAsync<string>(c, "SELECT id FROM agents;"), CancellationToken.None)!;

    private static Task ExecuteAsync(StorageUnderTest storage, string sql, object args) =>
        storage.Database.RunAsync((c, t) => Dapper.SqlMapper.ExecuteAsync(c, sql, args), CancellationToken.None);
}
