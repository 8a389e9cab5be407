using System.Text.Json;
using System.Threading.Channels;
using Chat.Server.Api;
using Chat.Server.Conversations;
using Chat.Server.CustomAttributes;
using Chat.Server.Customers;
using Chat.Server.Events;

namespace Chat.Server.Webhooks;

/// <summary>
/// Turns committed events into outbox rows, one per subscribed endpoint, on its own loop. Event
/// ids are made from what happened (a message's conversation and sequence …), so an event recorded
/// twice is stored once (<c>UNIQUE (endpoint_id, event_id)</c>).
/// </summary>
/// <remarks>
/// The outbox row is written after the change commits, not in its transaction (that would put a
/// write on the message path); a node that dies between the two loses that event's webhook.
/// </remarks>
internal sealed partial class WebhookRecorder(
    WebhookEndpointStore endpoints, WebhookDeliveryStore deliveries, ConversationStore conversations, CustomerStore customers,
    AttributeStore attributes, WebhookSignal signal, TimeProvider time, ILogger<WebhookRecorder> logger) : BackgroundService
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // Far more than a burst needs; past it events are dropped with a warning rather than holding up a writer.
    private readonly Channel<ChatEvent> _queue = Channel.CreateBounded<ChatEvent>(new BoundedChannelOptions(10_000)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private volatile bool _anyEndpoint = true;
    private int _added;
    private long _lastAt;

    /// <summary>A webhook was added on this node: listen from now on, without waiting for the next look.</summary>
    public void EndpointAdded()
    {
        Interlocked.Increment(ref _added);
        _anyEndpoint = true;
    }

    public void Offer(ChatEvent chatEvent)
    {
        if (_anyEndpoint && chatEvent is MessageAdded or ConversationChanged or ChatHandedOver or CustomerChanged or NextActionDue && !_queue.Writer.TryWrite(chatEvent))
        {
            LogDropped(logger, chatEvent.GetType().Name);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var looked = 0L;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Whether any site has a webhook, looked up now and then: none means the bus offers nothing.
                // (Other nodes learn of a new webhook within these five seconds.)
                if (time.NowMs() - looked > 5_000)
                {
                    var added = Volatile.Read(ref _added);
                    var any = await endpoints.AnyEnabledAsync(stoppingToken);
                    // A webhook added while we looked may not be in the answer: it counts anyway.
                    _anyEndpoint = any || Volatile.Read(ref _added) != added;
                    looked = time.NowMs();
                }

                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                wait.CancelAfter(TimeSpan.FromSeconds(5));
                if (!await _queue.Reader.WaitToReadAsync(wait.Token))
                {
                    return;
                }

                while (_queue.Reader.TryRead(out var chatEvent))
                {
                    await RecordAsync(chatEvent, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, e);
            }
        }
    }

    private async Task RecordAsync(ChatEvent chatEvent, CancellationToken ct)
    {
        foreach (var (siteId, type, eventId, orderingKey, data) in await DescribeAsync(chatEvent, ct))
        {
            var subscribed = (await endpoints.ForSiteAsync(siteId, ct)).Where(e => e.Wants(type)).ToList();
            if (subscribed.Count == 0)
            {
                continue;
            }

            var now = time.NowMs();
            var order = NextOrder(now);
            var payload = JsonSerializer.Serialize(new { id = eventId, type, createdAt = Clock.FromMs(now), siteId, data }, Json);
            foreach (var endpoint in subscribed)
            {
                await deliveries.AddAsync(new WebhookDeliveryRow(Ids.New(), endpoint.Id, eventId, type, orderingKey, payload, DeliveryStatus.Pending, 0, order, now, null, null, null), ct);
            }

            signal.Wake();
        }
    }

    private async Task<IReadOnlyList<(string SiteId, string Type, string EventId, string OrderingKey, object Data)>> DescribeAsync(ChatEvent chatEvent, CancellationToken ct)
    {
        switch (chatEvent)
        {
            case MessageAdded added:
                {
                    var conversation = await conversations.FindAsync(added.Message.ConversationId, ct);
                    if (conversation is null)
                    {
                        return [];
                    }

                    var message = added.Message.ToApi();
                    var result = new List<(string, string, string, string, object)>();
                    if (added.Message.Seq == 1)
                    {
                        result.Add((conversation.SiteId, WebhookEvents.ConversationCreated, $"evt_created_{conversation.Id}", conversation.Id, conversation.ToApi()));
                    }

                    result.Add((conversation.SiteId, WebhookEvents.MessageCreated, $"evt_message_{conversation.Id}_{added.Message.Seq}", conversation.Id, new { conversation = conversation.ToApi(), message }));
                    return result;
                }

            case ConversationChanged { Change: ConversationChange.Assigned } changed:
                return [Conversation(changed.Conversation, WebhookEvents.ConversationAssigned, $"evt_assigned_{changed.Conversation.Id}_{changed.Conversation.AssignedAt}_{changed.Conversation.AgentId}")];
            case ChatHandedOver handedOver:
                return [Conversation(handedOver.Conversation, WebhookEvents.ConversationAssigned, $"evt_assigned_{handedOver.Conversation.Id}_{handedOver.Conversation.AssignedAt}_{handedOver.Conversation.AgentId}")];
            case ConversationChanged { Change: ConversationChange.Resolved } changed:
                return [Conversation(changed.Conversation, WebhookEvents.ConversationResolved, $"evt_resolved_{changed.Conversation.Id}_{changed.Conversation.ResolvedAt}")];
            case ConversationChanged { Change: ConversationChange.Rated } changed:
                return [Conversation(changed.Conversation, WebhookEvents.ConversationRated, $"evt_rated_{changed.Conversation.Id}")];
            case CustomerChanged customerChanged:
                {
                    var customer = await customers.FindAsync(customerChanged.CustomerId, ct);
                    return customer is null
                        ? []
                        : [(customer.SiteId, WebhookEvents.CustomerUpdated, $"evt_customer_{Ids.New()}", customer.Id, customer.ToApi(await attributes.ForCustomerAsync(customer.Id, ct)))];
                }

            case NextActionDue due:
                return [(due.Action.SiteId, WebhookEvents.NextActionDue, $"evt_due_{due.Action.Id}_{(due.Overdue ? "overdue" : "soon")}", due.Action.ConversationId,
                    new { nextAction = due.Action.ToApi(), overdue = due.Overdue })];
            default:
                return [];
        }
    }

    private static (string, string, string, string, object) Conversation(ConversationRow conversation, string type, string eventId) =>
        (conversation.SiteId, type, eventId, conversation.Id, conversation.ToApi());

    /// <summary>
    /// The row's created_at: the time, made strictly increasing on this node, so one conversation's
    /// events keep their order in the outbox even within a millisecond. Its first attempt is due at the real now.
    /// </summary>
    private long NextOrder(long now)
    {
        _lastAt = Math.Max(now, _lastAt + 1);
        return _lastAt;
    }

    [LoggerMessage(EventId = 4601, Level = LogLevel.Warning, Message = "The webhook queue is full; a {EventType} event was not recorded for webhooks")]
    private static partial void LogDropped(ILogger logger, string eventType);

    [LoggerMessage(EventId = 4602, Level = LogLevel.Error, Message = "Recording events for webhooks failed")]
    private static partial void LogFailed(ILogger logger, Exception e);
}
