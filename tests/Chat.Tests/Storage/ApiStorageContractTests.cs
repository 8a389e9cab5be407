using System.Text.Json;
using Chat.Server;
using Chat.Server.Api;
using Chat.Server.CustomAttributes;
using Chat.Server.Webhooks;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Storage;

/// <summary>
/// The REST API's, webhooks' and custom attributes' SQL on every database: keyset pages, the
/// idempotency claim, the outbox's order and claim, and attribute values. Same providers as
/// <see cref="StorageContractTests"/>.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ApiStorageContractTests(PostgresServer postgres)
{
    public static TheoryData<string> Providers() => StorageContractTests.Providers();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Conversations_and_customers_page_by_cursor_with_filters_and_a_literal_search(string provider)
    {
        var storage = await StorageUnderTest.OnAsync(provider, postgres);
        var reads = new ApiReads(storage.Database);
        var made = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            made.Add((await storage.NewConversationAsync()).Id);
        }

        var first = await reads.ConversationsAsync(storage.SiteId, null, null, null, null, 2, CancellationToken.None);
        var after = new ApiCursor(first[1].CreatedAt, first[1].Id);
        var rest = await reads.ConversationsAsync(storage.SiteId, "queued", null, null, ApiCursor.Decode(after.Encode()), 10, CancellationToken.None);

        Assert.Equal(3, first.Count);
        Assert.Equal(Enumerable.Reverse(made), first.Take(2).Select(c => c.Id).Concat(rest.Select(c => c.Id)));
        Assert.Empty(await reads.ConversationsAsync("another-site", null, null, null, null, 10, CancellationToken.None));

        await storage.Customers.CreateAsync(storage.SiteId, "Zoë 100%_off", "zoe@example.com", "hash-1", CancellationToken.None);
        Assert.Single(await reads.CustomersAsync(storage.SiteId, "100%_", null, 10, CancellationToken.None));
        Assert.Empty(await reads.CustomersAsync(storage.SiteId, "1%0", null, 10, CancellationToken.None));
        Assert.Single(await reads.CustomersAsync(storage.SiteId, "ZOE@", null, 10, CancellationToken.None));
        Assert.Empty(await reads.NextActionsAsync(storage.SiteId, true, null, 10, CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_idempotency_key_is_claimed_once_and_keeps_its_answer(string provider)
    {
        var storage = await StorageUnderTest.OnAsync(provider, postgres);
        var store = new IdempotencyStore(storage.Database, storage.Time);

        var claims = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => store.BeginAsync("key-1", "idem-1", "hash", CancellationToken.None)));
        await store.CompleteAsync("key-1", "idem-1", 200, """{"ok":true}""", CancellationToken.None);
        var replay = await store.BeginAsync("key-1", "idem-1", "hash", CancellationToken.None);

        Assert.Single(claims, c => c is null);
        Assert.Equal((200L, """{"ok":true}"""), (replay!.Status, replay.Body));
        Assert.Null(await store.BeginAsync("key-2", "idem-1", "hash", CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_outbox_hands_out_one_conversations_deliveries_in_order_each_claimed_once(string provider)
    {
        var storage = await StorageUnderTest.OnAsync(provider, postgres);
        var endpoints = new WebhookEndpointStore(storage.Database);
        var deliveries = new WebhookDeliveryStore(storage.Database);
        var endpoint = new WebhookEndpointRow("ep-1", storage.SiteId, "https://shop.example/hook", "whsec_x", "message.created", 0, "admin", 1, null, null);
        await endpoints.InsertAsync(endpoint, CancellationToken.None);
        var now = storage.Time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var (id, key, order) in new[] { ("d1", "c1", 1L), ("d2", "c1", 2L), ("d3", "c2", 3L) })
        {
            Assert.True(await deliveries.AddAsync(new WebhookDeliveryRow(id, endpoint.Id, $"evt-{id}", "message.created", key, "{}", DeliveryStatus.Pending, 0, now + order, now, null, null, null), CancellationToken.None));
        }

        Assert.False(await deliveries.AddAsync(new WebhookDeliveryRow("d4", endpoint.Id, "evt-d1", "message.created", "c1", "{}", DeliveryStatus.Pending, 0, now + 4, now, null, null, null), CancellationToken.None));
        var due = await deliveries.DueAsync(now, 10, CancellationToken.None);
        Assert.Equal(["d1", "d3"], due.Select(d => d.Id));

        var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => deliveries.ClaimAsync(due[0], now + 60_000, CancellationToken.None)));
        Assert.Single(claims, c => c);
        await deliveries.RecordAsync("d1", DeliveryStatus.Delivered, now, null, 200, null, CancellationToken.None);
        Assert.Equal(["d2", "d3"], (await deliveries.DueAsync(now, 10, CancellationToken.None)).Select(d => d.Id));

        Assert.True(await endpoints.SetDisabledAsync(endpoint.Id, now, "off", CancellationToken.None));
        Assert.False(await endpoints.SetDisabledAsync(endpoint.Id, now, "off", CancellationToken.None));
        Assert.Empty(await deliveries.DueAsync(now, 10, CancellationToken.None));
        Assert.Equal(["failed", "failed", "delivered"], (await deliveries.LatestAsync(endpoint.Id, 10, CancellationToken.None)).Select(d => d.Status));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Attribute_values_keep_their_declared_type_and_go_with_a_change_of_type(string provider)
    {
        var storage = await StorageUnderTest.OnAsync(provider, postgres);
        var store = new AttributeStore(storage.Database, storage.Time);
        var customer = await storage.Customers.CreateAsync(storage.SiteId, "Ana", null, "hash-a", CancellationToken.None);
        await store.DeclareAsync(storage.SiteId, "orders", AttributeRules.Number, CancellationToken.None);
        await store.DeclareAsync(storage.SiteId, "plan", AttributeRules.Text, CancellationToken.None);

        await store.SetAsync(customer.Id, new Dictionary<string, string?> { ["orders"] = "12", ["plan"] = "pro" }, CancellationToken.None);
        await store.SetAsync(customer.Id, new Dictionary<string, string?> { ["orders"] = "13" }, CancellationToken.None);
        var values = await store.ForCustomerAsync(customer.Id, CancellationToken.None);
        Assert.Equal(13, values["orders"].GetDouble());
        Assert.Equal(JsonValueKind.String, values["plan"].ValueKind);

        await store.DeclareAsync(storage.SiteId, "plan", AttributeRules.Boolean, CancellationToken.None);
        Assert.Equal(["orders"], (await store.ForCustomerAsync(customer.Id, CancellationToken.None)).Keys);
    }
}
