using Chat.AgentConsole.Port;
using Chat.Server;
using Chat.Server.Conversations;
using Chat.Server.Customers;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Storage;

/// <summary>
/// The agent console's storage on every database: notes, tags, canned replies, wait
/// thresholds, the visitor's page, hand-overs and the admins' agent pages. Same providers as
/// <see cref="StorageContractTests"/>.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ConsoleStorageContractTests(PostgresServer postgres)
{
    private static readonly Author Visitor = new(SenderKinds.Visitor, "v1", "Ana");

    public static TheoryData<string> Providers() => StorageContractTests.Providers();

    private Task<StorageUnderTest> OnAsync(string provider) => StorageUnderTest.OnAsync(provider, postgres);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_note_sent_again_with_its_client_id_is_stored_once(string provider)
    {
        var storage = await OnAsync(provider);
        var conversation = await storage.NewConversationAsync();
        var author = await AdminAsync(storage);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            storage.Notes.AddAsync(conversation.Id, "note-1", NoteKinds.Note, author, null, "Call back at 5", CancellationToken.None)));
        var retry = await storage.Notes.AddAsync(conversation.Id, "note-1", NoteKinds.Note, author, null, "Call back at 5", CancellationToken.None);

        Assert.Single(results, r => !r.Duplicate);
        Assert.True(retry.Duplicate);
        Assert.All(results, r => Assert.Equal(retry.Note.Id, r.Note.Id));
        var stored = Assert.Single(await storage.Notes.ForConversationsAsync([conversation.Id], CancellationToken.None));
        Assert.Equal(("Call back at 5", "Alex Admin", (string?)null), (stored.Text, stored.AuthorName, stored.TargetName));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Notes_of_several_conversations_read_back_oldest_first(string provider)
    {
        var storage = await OnAsync(provider);
        var first = await storage.NewConversationAsync();
        var second = await storage.NewConversationAsync();
        var third = await storage.NewConversationAsync();
        var author = await AdminAsync(storage);

        await storage.Notes.AddAsync(first.Id, "a", NoteKinds.Note, author, null, "one", CancellationToken.None);
        storage.Time.Advance(TimeSpan.FromMilliseconds(5));
        await storage.Notes.AddAsync(second.Id, "a", NoteKinds.Transfer, author, "Sam", "two", CancellationToken.None);
        storage.Time.Advance(TimeSpan.FromMilliseconds(5));
        await storage.Notes.AddAsync(first.Id, "b", NoteKinds.Note, author, null, "three", CancellationToken.None);
        await storage.Notes.AddAsync(third.Id, "a", NoteKinds.Note, author, null, "elsewhere", CancellationToken.None);

        var notes = await storage.Notes.ForConversationsAsync([first.Id, second.Id], CancellationToken.None);

        Assert.Equal(["one", "two", "three"], notes.Select(n => n.Text));
        Assert.Equal([first.Id, second.Id, first.Id], notes.Select(n => n.ConversationId));
        Assert.Equal((NoteKinds.Transfer, "Sam"), (notes[1].Kind, notes[1].TargetName));
        Assert.Empty(await storage.Notes.ForConversationsAsync([], CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Tags_are_unique_in_any_letter_case_and_capped(string provider)
    {
        var storage = await OnAsync(provider);
        var customer = (await storage.NewConversationAsync()).CustomerId;

        await storage.Tags.AddAsync(customer, " VIP ", CancellationToken.None);
        Assert.Equal(["VIP"], await storage.Tags.AddAsync(customer, "vip", CancellationToken.None));
        await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            storage.Tags.AddAsync(customer, i % 2 == 0 ? "Wholesale" : "WHOLESALE", CancellationToken.None)));
        Assert.Equal(2, (await storage.Tags.ListAsync(customer, CancellationToken.None)).Count);
        Assert.Equal(1, (await storage.Tags.ListAsync(customer, CancellationToken.None)).Count(t => t.Equals("wholesale", StringComparison.OrdinalIgnoreCase)));

        Assert.Equal(["VIP"], (await storage.Tags.RemoveAsync(customer, "wholesale", CancellationToken.None)).ToArray());
        for (var i = 1; i < CustomerTags.MaxTagsPerCustomer; i++)
        {
            await storage.Tags.AddAsync(customer, $"tag-{i}", CancellationToken.None);
        }

        var full = await Assert.ThrowsAsync<ChatRuleException>(() => storage.Tags.AddAsync(customer, "one-too-many", CancellationToken.None));
        Assert.Equal("too_many_tags", full.Code);
        var tags = await storage.Tags.ListAsync(customer, CancellationToken.None);
        Assert.Equal(CustomerTags.MaxTagsPerCustomer, tags.Count);
        Assert.Equal("VIP", tags[0]);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Canned_reply_shortcuts_are_unique_in_any_case_and_replies_update_and_delete(string provider)
    {
        var storage = await OnAsync(provider);
        var thanks = await storage.CannedReplies.SaveAsync(null, storage.SiteId, "thanks", "Thank you!", CancellationToken.None);
        await storage.CannedReplies.SaveAsync(null, storage.SiteId, "Hours", "We open at 9.", CancellationToken.None);

        var taken = await Assert.ThrowsAsync<ChatRuleException>(() =>
            storage.CannedReplies.SaveAsync(null, storage.SiteId, "THANKS", "Cheers", CancellationToken.None));
        Assert.Equal("canned_shortcut_taken", taken.Code);
        var racing = await Task.WhenAll(Enumerable.Range(0, 4).Select(async i =>
        {
            try
            {
                await storage.CannedReplies.SaveAsync(null, storage.SiteId, i % 2 == 0 ? "bye" : "BYE", "Bye!", CancellationToken.None);
                return true;
            }
            catch (ChatRuleException e) when (e.Code == "canned_shortcut_taken")
            {
                return false;
            }
        }));
        Assert.Single(racing, saved => saved);

        var updated = await storage.CannedReplies.SaveAsync(thanks.Id, storage.SiteId, "Thanks", "Many thanks!", CancellationToken.None);
        Assert.Equal(thanks.Id, updated.Id);
        Assert.Equal(("Thanks", "Many thanks!"), ((await storage.CannedReplies.FindAsync(thanks.Id, CancellationToken.None))!.Shortcut, updated.Text));
        var listed = await storage.CannedReplies.ForSiteAsync(storage.SiteId, CancellationToken.None);
        Assert.Equal(["bye", "hours", "thanks"], listed.Select(r => r.Shortcut.ToLowerInvariant()));
        Assert.Equal("Many thanks!", listed.Single(r => r.Id == thanks.Id).Text);

        await storage.CannedReplies.DeleteAsync(thanks.Id, CancellationToken.None);
        Assert.Null(await storage.CannedReplies.FindAsync(thanks.Id, CancellationToken.None));
        await storage.CannedReplies.SaveAsync(null, storage.SiteId, "THANKS", "Cheers", CancellationToken.None);
        Assert.Equal(3, (await storage.CannedReplies.ForSiteAsync(storage.SiteId, CancellationToken.None)).Count);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Wait_thresholds_are_read_for_several_sites(string provider)
    {
        var storage = await OnAsync(provider);
        var admin = await AdminAsync(storage);
        var created = await storage.SiteSettings.CreateAsync(admin.Id, new SiteSettings(
            "", "", "Second shop", ["https://b.example.com"], "#123456", "Hi there",
            new WaitThresholds(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(90))), CancellationToken.None);

        var thresholds = await storage.SiteSettings.ThresholdsAsync([storage.SiteId, created.Id, "no-such-site"], CancellationToken.None);

        Assert.Equal(2, thresholds.Count);
        Assert.Equal(new WaitThresholds(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(180)), thresholds[storage.SiteId]);
        Assert.Equal(new WaitThresholds(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(90)), thresholds[created.Id]);
        Assert.Equal(["https://b.example.com"], created.AllowedOrigins);
        Assert.Equal([storage.SiteId, created.Id], (await storage.SiteSettings.ForAgentAsync(admin.Id, CancellationToken.None)).Select(s => s.Id));

        var saved = await storage.SiteSettings.UpdateAsync(created with { Name = "Renamed", Thresholds = new WaitThresholds(TimeSpan.FromSeconds(45), TimeSpan.FromSeconds(120)) }, CancellationToken.None);
        Assert.Equal(("Renamed", created.SiteKey), (saved.Name, saved.SiteKey));
        Assert.Equal(TimeSpan.FromSeconds(45), (await storage.SiteSettings.ThresholdsAsync([created.Id], CancellationToken.None))[created.Id].Warn);
        Assert.Empty(await storage.SiteSettings.ThresholdsAsync([], CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_page_a_visitor_reports_is_stored_and_read_back(string provider)
    {
        var storage = await OnAsync(provider);
        var conversation = await storage.NewConversationAsync();
        var customer = (await storage.Customers.FindAsync(conversation.CustomerId, CancellationToken.None))!;
        Assert.Null(await storage.VisitorPages.FindAsync(customer.Id, CancellationToken.None));

        await storage.VisitorPages.ReportAsync(customer, " https://shop.example.com/cart?x=1 ", "Your cart – Shop", "Europe/Lisbon", "Mozilla/5.0 Test", CancellationToken.None);
        var page = (await storage.VisitorPages.FindAsync(customer.Id, CancellationToken.None))!;

        Assert.Equal(("https://shop.example.com/cart?x=1", "Your cart – Shop", "Europe/Lisbon", "Mozilla/5.0 Test"), (page.PageUrl, page.PageTitle, page.TimeZone, page.UserAgent));
        Assert.Equal((await storage.Customers.FindAsync(customer.Id, CancellationToken.None))!.LastSeen, page.PageReportedAt);

        await storage.VisitorPages.ReportAsync(customer, "https://shop.example.com/", null, null, null, CancellationToken.None);
        page = (await storage.VisitorPages.FindAsync(customer.Id, CancellationToken.None))!;
        Assert.Equal(("https://shop.example.com/", (string?)null, (string?)null), (page.PageUrl, page.PageTitle, page.UserAgent));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_hand_over_and_a_reopen_are_decided_once_between_racing_calls(string provider)
    {
        var storage = await OnAsync(provider);
        var admin = (await AdminAsync(storage)).Id;
        var sam = (await storage.Agents.CreateAsync("sam@example.com", "Sam", "pw", "agent", 3, [storage.SiteId], CancellationToken.None)).Id;
        var kim = (await storage.Agents.CreateAsync("kim@example.com", "Kim", "pw", "agent", 3, [storage.SiteId], CancellationToken.None)).Id;
        var conversation = await storage.NewConversationAsync();
        await storage.Messages.AppendAsync(conversation.Id, Visitor, "m1", "Hello", CancellationToken.None);
        await storage.Conversations.AssignAsync(conversation.Id, admin, CancellationToken.None);
        await storage.Conversations.MarkReadAsync(conversation.Id, admin, 1, CancellationToken.None);
        Assert.Equal(0, await UnreadAsync(storage, conversation.Id));

        var moves = await Task.WhenAll(
            storage.Handovers.MoveAsync(conversation.Id, admin, sam, CancellationToken.None),
            storage.Handovers.MoveAsync(conversation.Id, admin, kim, CancellationToken.None));

        Assert.Single(moves, moved => moved);
        var winner = moves[0] ? sam : kim;
        Assert.Equal(winner, (await storage.Conversations.FindAsync(conversation.Id, CancellationToken.None))!.AgentId);
        Assert.Equal(1, await UnreadAsync(storage, conversation.Id));
        Assert.False(await storage.Handovers.MoveAsync(conversation.Id, admin, sam, CancellationToken.None));

        Assert.False(await storage.Handovers.ReopenAsync(conversation.Id, winner, CancellationToken.None));
        Assert.True(await storage.Conversations.ResolveAsync(conversation.Id, winner, CancellationToken.None));
        var reopens = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
            storage.Handovers.ReopenAsync(conversation.Id, winner, CancellationToken.None)));
        Assert.Single(reopens, reopened => reopened);
        Assert.Equal(ConversationStatus.Open, (await storage.Conversations.FindAsync(conversation.Id, CancellationToken.None))!.Status);

        // A customer with a newer chat cannot have the old one reopened.
        Assert.True(await storage.Conversations.ResolveAsync(conversation.Id, winner, CancellationToken.None));
        await storage.Conversations.CreateAsync(storage.SiteId, conversation.CustomerId, CancellationToken.None);
        Assert.False(await storage.Handovers.ReopenAsync(conversation.Id, winner, CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Admins_see_and_edit_the_agents_of_their_sites_only(string provider)
    {
        var storage = await OnAsync(provider);
        var admin = await AdminAsync(storage);
        var second = (await storage.SiteSettings.CreateAsync(admin.Id, new SiteSettings(
            "", "", "Second shop", [], "#123456", "Hi", WaitThresholds.Default), CancellationToken.None)).Id;
        var third = (await storage.SiteSettings.CreateAsync(admin.Id, new SiteSettings(
            "", "", "Third shop", [], "#123456", "Hi", WaitThresholds.Default), CancellationToken.None)).Id;
        var bea = await storage.Agents.CreateAsync("bea@example.com", "Bea", "pw", "agent", 2, [second, third], CancellationToken.None);
        await storage.Agents.CreateAsync("cid@example.com", "Cid", "pw", "agent", 2, [storage.SiteId], CancellationToken.None);

        var onSecond = await storage.AgentAdmin.ForSitesAsync([second], CancellationToken.None);
        Assert.Equal(["Alex Admin", "Bea"], onSecond.Select(a => a.Agent.Name));
        Assert.Equal(new[] { second, third }.Order(StringComparer.Ordinal), onSecond.Single(a => a.Agent.Id == bea.Id).SiteIds.Order(StringComparer.Ordinal));
        Assert.Equal(3, (await storage.AgentAdmin.ForSitesAsync([storage.SiteId, second], CancellationToken.None)).Count);
        Assert.Empty(await storage.AgentAdmin.ForSitesAsync([], CancellationToken.None));

        // The admin manages the first two sites: Bea leaves the second, keeps the third, joins the first.
        await storage.AgentAdmin.UpdateAsync(bea with { Name = "Bea B", AvatarUrl = "https://img.example.com/bea.png", Capacity = 4 },
            [storage.SiteId, second], [storage.SiteId], CancellationToken.None);
        var saved = (await storage.AgentAdmin.ForSitesAsync([storage.SiteId], CancellationToken.None)).Single(a => a.Agent.Id == bea.Id);
        Assert.Equal(("Bea B", "https://img.example.com/bea.png", 4L), (saved.Agent.Name, saved.Agent.AvatarUrl, saved.Agent.Capacity));
        Assert.Equal(new[] { storage.SiteId, third }.Order(StringComparer.Ordinal), saved.SiteIds.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(await storage.AgentAdmin.ForSitesAsync([second], CancellationToken.None), a => a.Agent.Id == bea.Id);

        Assert.True(await storage.AgentAdmin.EmailTakenAsync("bea@example.com", CancellationToken.None));
        Assert.False(await storage.AgentAdmin.EmailTakenAsync("nobody@example.com", CancellationToken.None));
        await storage.AgentAdmin.SetPasswordAsync(bea.Id, "new password", CancellationToken.None);
        Assert.NotNull(await storage.Agents.CheckCredentialsAsync("bea@example.com", "new password", CancellationToken.None));
        Assert.Null(await storage.Agents.CheckCredentialsAsync("bea@example.com", "pw", CancellationToken.None));
    }

    private static async Task<Author> AdminAsync(StorageUnderTest storage)
    {
        var id = (await storage.Database.RunAsync((c, t) => Dapper.SqlMapper.ExecuteScalarAsync<string>(c, "SELECT id FROM agents WHERE role = 'admin';"), CancellationToken.None))!;
        var agent = (await storage.Agents.FindAsync(id, CancellationToken.None))!;
        return new Author(SenderKinds.Agent, agent.Id, agent.Name);
    }

    private static async Task<long> UnreadAsync(StorageUnderTest storage, string conversationId) =>
        (await storage.Conversations.ActivityAsync([conversationId], CancellationToken.None))[conversationId].Unread;
}
